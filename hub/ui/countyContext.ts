import { createContext, useContext } from 'react';
import type { CountyClient } from './countyClient';

export const CountyContext = createContext<CountyClient | null>(null);

export function useCounty(): CountyClient {
  const client = useContext(CountyContext);
  if (!client) throw new Error('useCounty outside the signed-in page');
  return client;
}
