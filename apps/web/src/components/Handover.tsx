import { createContext, useContext, useEffect } from 'react';

/**
 * Whether the coach has handed their phone to the person (for a check-in they fill in
 * themselves). While it is, the frame shows no navigation, no way back and no staff name, so the
 * person sees only their own questions, not anyone else's page.
 */
export const HandoverContext = createContext<{ readonly handedOver: boolean; setHandedOver(on: boolean): void }>({
  handedOver: false,
  setHandedOver: () => undefined,
});

/** The phone is in the person's hands while `on`; handed back when `on` ends or the page closes. */
export function useHandover(on: boolean): void {
  const { setHandedOver } = useContext(HandoverContext);
  useEffect(() => {
    setHandedOver(on);
    return () => setHandedOver(false);
  }, [on, setHandedOver]);
}

export function useHandedOver(): boolean {
  return useContext(HandoverContext).handedOver;
}
