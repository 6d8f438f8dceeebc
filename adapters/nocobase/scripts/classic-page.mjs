// A classic (v1) NocoBase page made through its API as the page menu makes one: a menu route with a
// hidden tab, and a page schema whose block grid holds the given blocks, one row each.
const uid = () => Math.random().toString(36).slice(2, 13);

/** What our block initializer inserts (client/index.tsx `blockSchema`) for `component`. */
const block = (component) => ({
  type: 'void',
  'x-decorator': 'CardItem',
  'x-component': component,
  'x-settings': 'blockSettings:okrAlign',
  'x-toolbar': 'BlockSchemaToolbar',
});

const row = (component) => ({
  type: 'void',
  'x-component': 'Grid.Row',
  properties: {
    [uid()]: { type: 'void', 'x-component': 'Grid.Col', properties: { [uid()]: block(component) } },
  },
});

/**
 * Creates the page with one row per block component; `api(action, body)` posts as an administrator and
 * returns the answer's `data`. Returns the page's schema uid (its address is `/admin/<uid>`) and route id.
 */
export async function createClassicPage(api, title, components) {
  const [pageSchemaUid, tabSchemaUid, tabSchemaName, menuSchemaUid] = [uid(), uid(), uid(), uid()];
  const route = await api('desktopRoutes:create', {
    type: 'page',
    title,
    schemaUid: pageSchemaUid,
    menuSchemaUid,
    enableTabs: false,
    children: [{ type: 'tabs', schemaUid: tabSchemaUid, tabSchemaName, hidden: true }],
  });
  await api('uiSchemas:insert', {
    type: 'void',
    'x-component': 'Page',
    'x-uid': pageSchemaUid,
    properties: {
      [tabSchemaName]: {
        type: 'void',
        'x-component': 'Grid',
        'x-initializer': 'page:addBlock',
        'x-uid': tabSchemaUid,
        'x-async': true,
        properties: Object.fromEntries(components.map((c) => [uid(), row(c)])),
      },
    },
  });
  return { pageSchemaUid, routeId: route.id };
}
