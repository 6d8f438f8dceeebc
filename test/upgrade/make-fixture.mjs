// Makes an upgrade fixture with a released version of the product: run that version's server on an
// empty database (OKR_DEMO=case-study), then `node test/upgrade/make-fixture.mjs <url>`. It adds what a
// company has after a while: a second published settings version, an HR form overlay with a custom value,
// an edited KR and a changed link (audit rows). test/upgrade/upgrade.test.ts opens the result with the
// current code. One fixture per release; never regenerate an old one.
const base = process.argv[2];
if (!base) throw new Error('usage: node test/upgrade/make-fixture.mjs http://127.0.0.1:PORT');

async function signIn(login) {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password: 'demo1234' }),
  });
  if (res.status !== 200) throw new Error(`sign-in ${login}: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get('set-cookie').split(';')[0];
  return async (method, path, body) => {
    const r = await fetch(base + path, {
      method,
      headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    if (r.status >= 400) throw new Error(`${method} ${path}: ${r.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
}

const hr = await signIn('linxue');
const sales = await signIn('zhaomin');
const title = (zh, en) => ({ 'zh-CN': zh, 'en-US': en });

const { settings } = await hr('GET', '/api/settings');
const proposal = await hr('POST', '/api/settings/proposals', {
  settings: { ...settings, alignment: { ...settings.alignment, minScore: 65 } },
  reason: '对齐门槛提高到 65',
});
await hr('POST', `/api/settings/versions/${proposal.version}/publish`);
await hr('PUT', '/api/form-overlays/key-result', {
  overlay: {
    formId: 'key-result',
    entries: [{ op: 'add', name: 'segment', type: 'text', title: title('细分市场', 'Segment') }],
  },
});
const kr = await sales('GET', '/api/key-results/kr-zhaomin-1');
const edited = await sales('PATCH', `/api/key-results/${kr.id}`, {
  version: kr.version,
  evidence: 'CRM 导出 2026-05',
  custom: { segment: '储能' },
});
const [link] = await sales('GET', `/api/key-results/${kr.id}/links`);
await sales('PUT', `/api/key-results/${kr.id}/links/${link.objectiveId}`, {
  weight: 70,
  version: link.version,
});
console.log(JSON.stringify({ settingsVersion: proposal.version, kr: edited.id, krVersion: edited.version }));
