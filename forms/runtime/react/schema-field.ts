import {
  ArrayItems,
  DatePicker,
  FormItem,
  Input,
  NumberPicker,
  Radio,
  Select,
  Space,
  Switch,
} from '@formily/antd-v5';
import { createSchemaField } from '@formily/react';
import { AlignmentScore } from './alignment-score.tsx';
import { ColourSuggestion } from './colour-suggestion.tsx';
import { SettingsSection } from './settings-section.tsx';

/**
 * The only components a form schema can reach (see `ALLOWED_COMPONENTS` in safe-schema.ts, which
 * a test keeps in step with this list). No `scope` is registered: schemas get no functions to call.
 */
export const PACK_COMPONENTS = {
  ArrayItems,
  DatePicker,
  FormItem,
  Input,
  NumberPicker,
  Radio,
  Select,
  Space,
  Switch,
  AlignmentScore,
  ColourSuggestion,
  SettingsSection,
};

export const PackSchemaField = createSchemaField({ components: PACK_COMPONENTS });
