import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DataFileStore, dataLines } from '../../src/hub/data-files.ts';
import { HubError } from '../../src/hub/errors.ts';
import { helpers } from './harness.ts';

const HUB_DATA = new URL('../../../../../shared/crowdsec-hub/data/', import.meta.url).pathname;

function memStore(files: Record<string, string>) {
  const warnings: string[] = [];
  const store = new DataFileStore({
    dataDir: '/d',
    readFile: (p) => files[p.replace('/d/', '')],
    logger: { debug() {}, info() {}, warn: (m) => warnings.push(m), error() {} },
  });
  return { store, warnings };
}

describe('dataLines', () => {
  it('skips comments and empty lines, strips one trailing CR, keeps spaces', () => {
    assert.deepEqual(dataLines('# c\n a \r\n\nb\r\r\n'), [
      { line: 2, text: ' a ' },
      { line: 4, text: 'b\r' },
    ]);
  });
});

describe('DataFileStore', () => {
  it('loads string files once per (name, kind); missing files are empty with a warning', () => {
    const { store, warnings } = memStore({ 'a.txt': 'x\ny\n' });
    store.load('a.txt', 'string');
    store.load('a.txt', 'string');
    assert.deepEqual(store.strings('a.txt'), ['x', 'y']);
    store.load('missing.txt', 'string');
    assert.deepEqual(store.strings('missing.txt'), []);
    assert.equal(warnings.length, 1);
    assert.equal(store.strings('never.txt'), undefined);
  });
  it('regexp files use RE2 syntax and reject invalid lines with file:line', () => {
    const { store } = memStore({ 'r.txt': '(?i)^curl\n\\d+x\n', 'bad.txt': 'ok\n(a\n' });
    store.load('r.txt', 'regexp', { size: 10 });
    assert.equal(store.regexpMatch('r.txt', 'CURL/8'), true);
    assert.equal(store.regexpMatch('r.txt', 'CURL/8'), true); // cached
    assert.equal(store.regexpMatch('r.txt', 'wget'), false);
    assert.throws(
      () => store.load('bad.txt', 'regex'),
      (e: unknown) => e instanceof HubError && e.where.line === 2,
    );
  });
  it('map files: equals first, then leftmost-first contains, then regex', () => {
    const { store } = memStore({
      'm.json': [
        '{"pattern":"/admin/","tag":"c-admin","type":"contains"}',
        '{"pattern":"/x/admin/","tag":"c-xadmin","type":"contains"}',
        '{"pattern":"/x/admin/","tag":"eq","type":"equals"}',
        '{"pattern":"^/wp-","tag":"re","type":"regex"}',
      ].join('\n'),
      'bad.json': '{"pattern":"a","tag":"b"}',
    });
    store.load('m.json', 'map');
    assert.equal(store.lookup('m.json', '/x/admin/'), 'eq');
    assert.equal(store.lookup('m.json', '/y/x/admin/z'), 'c-xadmin'); // starts first
    assert.equal(store.lookup('m.json', '/admin/x'), 'c-admin');
    assert.equal(store.lookup('m.json', '/wp-login.php'), 're');
    assert.equal(store.lookup('m.json', '/nothing'), '');
    assert.equal(store.mapRows('m.json')?.length, 4);
    assert.throws(() => store.load('bad.json', 'map'), HubError);
  });
  it('bots files feed MatchKnownBot', () => {
    const { store } = memStore({
      'bots.json': [
        '{"name":"g","user_agent":"googlebot","ranges":["66.249.64.0/19"]}',
        '{"name":"b","user_agent":"bingbot","rdns":[".search.msn.com."]}',
      ].join('\n'),
      'uaonly.json': '{"name":"x","user_agent":"x"}',
    });
    store.load('bots.json', 'bots');
    assert.throws(() => store.load('uaonly.json', 'bots'), HubError);
    const h = helpers({
      dataFiles: store,
      dns: {
        lookupHost: () => [],
        forwardConfirmedNames: (ip) => (ip === '40.77.167.1' ? ['msnbot-1.search.msn.com'] : []),
      },
    }).fn;
    assert.equal(h.MatchKnownBot('66.249.66.1', 'Mozilla Googlebot/2.1', '/'), true);
    assert.equal(h.MatchKnownBot('66.249.66.1:443', 'Mozilla Googlebot/2.1', '/', 'bots.json'), true);
    assert.equal(h.MatchKnownBot('1.2.3.4', 'Googlebot', '/'), false);
    assert.equal(h.MatchKnownBot('40.77.167.1', 'bingbot', '/'), true);
    assert.equal(h.MatchKnownBot('40.77.167.2', 'bingbot', '/'), false);
  });
  it('loads the real hub data files', () => {
    const store = new DataFileStore({ dataDir: HUB_DATA });
    store.load('http_path_traversal.txt', 'string');
    store.load('bad_user_agents.regex.txt', 'regexp', { strategy: 'LRU', size: 50 });
    store.load('technology_probing.json', 'map');
    store.load('trendy_cves_uris.json', 'string');
    assert.ok((store.strings('http_path_traversal.txt')?.length ?? 0) > 5);
    assert.equal(
      store.regexpMatch('bad_user_agents.regex.txt', 'Mozilla/5.0 (Windows NT 10.0) Firefox/120.0'),
      false,
    );
    assert.equal(store.regexpMatch('bad_user_agents.regex.txt', 'Sqlmap/1.5'), true);
    assert.equal(
      store.lookup('technology_probing.json', '/ampps-admin/index.php'),
      'ampps-admin-login-panel-probing',
    );
    assert.equal(store.lookup('technology_probing.json', '/foo/ampps/x'), 'ampps-probing');
    const h = helpers({ dataFiles: store }).fn;
    const uris = (h.File('trendy_cves_uris.json') as string[]).map((l) => h.JsonExtract(l, 'uri'));
    assert.ok(uris.includes('/global-protect/login.esp'));
    assert.deepEqual(h.File('not-loaded.txt'), []);
  });
});
