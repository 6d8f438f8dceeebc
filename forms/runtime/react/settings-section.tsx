import { Card, Typography } from 'antd';
import type { ReactNode } from 'react';

/** One group of the settings form (a nested object of the settings schema). */
export function SettingsSection(props: { title?: string; description?: string; children?: ReactNode }) {
  return (
    <Card size="small" title={props.title} style={{ marginBottom: 16 }}>
      {props.description ? (
        <Typography.Paragraph type="secondary">{props.description}</Typography.Paragraph>
      ) : null}
      {props.children}
    </Card>
  );
}
