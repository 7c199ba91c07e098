import './zod-setup';
import type { PropsWithChildren } from 'react';
import './entry-route';
import './app.css';

export default function App({ children }: PropsWithChildren) {
  return children;
}
