import { Button } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchHtml, notifyEndpoints } from '../api/notify-endpoints.ts';
import { useApp } from '../app/app-context.tsx';
import { useAsync } from '../app/use-async.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';

// The primer's own language link would navigate the frame; the shell's language switch replaces it.
const HIDE_OWN_NAV = '<style>body > nav { display: none }</style>';

/** The server's page with scripts and same-origin access taken away, its language link hidden. */
export function primerDocument(html: string): string {
  return html.includes('</head>') ? html.replace('</head>', `${HIDE_OWN_NAV}</head>`) : HIDE_OWN_NAV + html;
}

/** The OKR primer (everyone), written by the server from the settings in force, in the shell's language. */
export default function PrimerPage() {
  const { t } = useTranslation();
  const { client, lang } = useApp();
  const url = useMemo(() => notifyEndpoints(client).primerUrl(lang), [client, lang]);
  const page = useAsync(() => fetchHtml(url, (k) => t(k)), [url]);

  return (
    <div>
      <PageHeader
        title={t('primer.title')}
        subtitle={t('primer.subtitle')}
        extra={
          <Button href={url} target="_blank" rel="noopener">
            {t('primer.openPrintable')}
          </Button>
        }
      />
      <ErrorAlert error={page.error} />
      {page.data === undefined ? (
        page.error ? null : (
          <Loading />
        )
      ) : (
        <iframe
          title={t('primer.title')}
          srcDoc={primerDocument(page.data)}
          sandbox=""
          style={{
            width: '100%',
            minHeight: '75vh',
            border: '1px solid #f0f0f0',
            borderRadius: 8,
            background: '#fff',
          }}
        />
      )}
    </div>
  );
}
