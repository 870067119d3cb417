/**
 * A short, human description of a User-Agent string ("Chrome 126 · Windows") for session
 * and audit lists. Best effort: unknown agents fall back to their first word.
 */
export function describeUserAgent(ua: string | null | undefined): { browser: string; os: string } {
  if (!ua) return { browser: '', os: '' };
  const browser =
    match(ua, /Edg(?:e|A|iOS)?\/(\d+)/, 'Edge') ??
    match(ua, /MicroMessenger\/(\d+(?:\.\d+)?)/, 'WeChat') ??
    match(ua, /DingTalk\/(\d+(?:\.\d+)?)/, 'DingTalk') ??
    match(ua, /OPR\/(\d+)/, 'Opera') ??
    match(ua, /Firefox\/(\d+)/, 'Firefox') ??
    match(ua, /(?:Chrome|CriOS)\/(\d+)/, 'Chrome') ??
    match(ua, /Version\/(\d+(?:\.\d+)?).*Safari/, 'Safari') ??
    match(ua, /^curl\/([\d.]+)/, 'curl') ??
    ua.split(/[\s/]/)[0];
  const os = /Windows/.test(ua)
    ? 'Windows'
    : /iPhone|iPad|iOS/.test(ua)
      ? 'iOS'
      : /Android/.test(ua)
        ? 'Android'
        : /Mac OS X|Macintosh/.test(ua)
          ? 'macOS'
          : /HarmonyOS/.test(ua)
            ? 'HarmonyOS'
            : /Linux/.test(ua)
              ? 'Linux'
              : '';
  return { browser, os };
}

function match(ua: string, re: RegExp, name: string): string | undefined {
  const m = re.exec(ua);
  return m ? `${name} ${m[1]}` : undefined;
}
