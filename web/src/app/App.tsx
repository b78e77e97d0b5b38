// The console shell: Ant Design in Chinese, server state through TanStack Query.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';

dayjs.locale('zh-cn');
const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } } });

export function App() {
  return (
    <ConfigProvider locale={zhCN} theme={{ token: { colorPrimary: '#c41d1d' } }}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <div style={{ padding: 24 }}>雁阵 · 党建工作管理平台</div>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
