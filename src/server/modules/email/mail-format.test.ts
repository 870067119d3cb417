import { describe, expect, it } from 'vitest';
import { messageIds, subjectTicketNumber } from './inbound-mail.service.js';
import { bareAddress, configuredAddresses } from './mail-addresses.js';
import { sanitizeMailHtml } from './mail-html.js';
import { replySubject } from './outbound-mail.js';

describe('mail formats', () => {
  it('builds reply subjects without piling up prefixes or tags', () => {
    expect(replySubject('安装预约', '10234')).toBe('Re: 安装预约 [#10234]');
    expect(replySubject('Re: 安装预约 [#10234]', '10234')).toBe('Re: 安装预约 [#10234]');
  });

  it('reads Message-ID lists, subject tags and bare addresses', () => {
    expect(messageIds(['<a@x> <b@y>', '<a@x>'])).toEqual(['<a@x>', '<b@y>']);
    expect(messageIds(undefined)).toEqual([]);
    expect(subjectTicketNumber('回复：空调 [#10234] 维修')).toBe('10234');
    expect(subjectTicketNumber('#10234')).toBeNull();
    expect(bareAddress('客服 <Support@Kefu.Test>')).toBe('support@kefu.test');
    expect(bareAddress('nobody')).toBeNull();
    expect([...configuredAddresses({ mailFrom: 'K <s@k.test>', mailAddresses: ['h@k.test=org-1', ' '] })]).toEqual([
      ['s@k.test', null],
      ['h@k.test', 'org-1'],
    ]);
  });

  it('keeps mailto links, drops data: and protocol-relative links and unknown inline images', () => {
    const html = sanitizeMailHtml('<a href="mailto:a@b.c">m</a><a href="//evil.example/x">p</a><a href="data:text/html,x">d</a><img src="cid:nope" alt="n"><svg onload="x()"></svg>');
    expect(html).toBe(
      '<a href="mailto:a@b.c" rel="noopener noreferrer nofollow" target="_blank">m</a><a rel="noopener noreferrer nofollow" target="_blank">p</a><a rel="noopener noreferrer nofollow" target="_blank">d</a><img alt="n" />',
    );
  });
});
