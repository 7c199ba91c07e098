import Taro, { useDidShow } from '@tarojs/taro';
import { useEffect, useState } from 'react';

const KEY = 'linli.elderMode';

/** 'on' / 'off' once the user has chosen; null before, which is when the home page offers it. */
export const elderChoice = (): 'on' | 'off' | null => Taro.getStorageSync(KEY) || null;

// One state for the whole app: the page shell and the switch that changes it must agree at once.
const listeners = new Set<(on: boolean) => void>();

function setElderMode(on: boolean): void {
  Taro.setStorageSync(KEY, on ? 'on' : 'off');
  for (const listener of listeners) listener(on);
}

/** The elder-mode switch, remembered in storage; every component using it re-renders when it changes. */
export function useElderMode(): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(elderChoice() === 'on');
  useEffect(() => {
    listeners.add(setOn);
    return () => void listeners.delete(setOn);
  }, []);
  useDidShow(() => setOn(elderChoice() === 'on'));
  // In the browser the tab bar lives outside the page; WeChat's native tab bar keeps its own size.
  useEffect(() => {
    if (process.env.TARO_ENV === 'h5') document.body.classList.toggle('elder', on);
  }, [on]);
  return [on, setElderMode];
}
