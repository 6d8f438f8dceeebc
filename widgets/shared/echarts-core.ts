// The ECharts core every chart widget shares: both renderers and the parts all their charts use
// (aria, tooltip). Each widget registers its own chart types and components next to it (`use` in its
// index.tsx), so a page bundles only the charts it draws. shared/echarts.ts registers them all.

import { AriaComponent, TooltipComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';

use([AriaComponent, TooltipComponent, CanvasRenderer, SVGRenderer]);

export { init, use };
