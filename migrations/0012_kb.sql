-- §5.8 knowledge base: one helpful / not-helpful vote per reader and article, so a reader can
-- change their mind and cannot inflate the counts on kb_articles by clicking again.
CREATE TABLE kb_article_votes (
  org_id uuid NOT NULL,
  article_id uuid NOT NULL,
  -- 'user:<id>' for staff, 'portal:<id>' for customer-portal accounts
  voter text NOT NULL,
  helpful boolean NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, article_id, voter),
  FOREIGN KEY (org_id, article_id) REFERENCES kb_articles(org_id, id) ON DELETE CASCADE
);

-- published articles, newest first (reader lists and the customer portal)
CREATE INDEX kb_articles_published_idx ON kb_articles (org_id, published_at DESC, id DESC) WHERE status = 'published';
CREATE INDEX kb_categories_parent_idx ON kb_categories (org_id, parent_id, sort);
