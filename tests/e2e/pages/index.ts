export { AppPage } from './app';
export { ChartWidget } from './chart';
export { DashboardPage } from './dashboard';
export { DataPage } from './data';
export { IndicatorPage } from './indicator';
export { IndicatorsPage } from './indicators';
export { ProjectsPage, type ProjectInput } from './projects';
export { ChecksPage } from './checks';
