import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useElderMode } from '../components/elder-mode';
import { useSelectedTab } from '../components/tab-bar-state';
import { TABS } from '../tabs';
import './index.css';

/**
 * The mini-program's tab bar (app.json `tabBar.custom`): WeChat's native one keeps its small type in elder
 * mode, this one grows with it (targets ≥ 60 px, text ≥ 18 px). It highlights the tab of the page on screen
 * and switches tabs as the native one does.
 */
export default function CustomTabBar() {
  const [elder] = useElderMode();
  const selected = useSelectedTab();
  return (
    <View className={elder ? 'tab-bar elder' : 'tab-bar'}>
      {TABS.map((tab) => (
        <View
          key={tab.pagePath}
          className={tab.pagePath === selected ? 'tab-bar-item selected' : 'tab-bar-item'}
          data-path={tab.pagePath}
          onClick={() => {
            if (tab.pagePath !== selected) void Taro.switchTab({ url: `/${tab.pagePath}` });
          }}
        >
          <View className="tab-bar-label">{tab.text}</View>
        </View>
      ))}
    </View>
  );
}
