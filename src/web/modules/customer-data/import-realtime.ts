import { useEffect, useState } from 'react';
import type { ImportProgressEvent } from './import-types';

const PROGRESS_EVENT = 'customer_import.progress';
const PING_MS = 25_000;

/**
 * Live progress of one import over the realtime WebSocket (`customer_import.progress`, sent to
 * the importer only). The run is one database transaction, so polling the import shows nothing
 * until it commits — and on the embedded database a poll waits for the commit: the socket is
 * the only live view. Opens while `enabled`, reconnects after a drop.
 */
export function useImportProgress(importId: string | null, enabled: boolean) {
  const [progress, setProgress] = useState<ImportProgressEvent | null>(null);
  const [connected, setConnected] = useState(false);

  useEffect(() => {
    if (!importId || !enabled) return;
    let socket: WebSocket | null = null;
    let stopped = false;
    let ping: ReturnType<typeof setInterval> | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let attempts = 0;

    const open = () => {
      const url = `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/api/v1/realtime`;
      socket = new WebSocket(url);
      socket.onopen = () => {
        attempts = 0;
        setConnected(true);
        ping = setInterval(() => socket?.readyState === WebSocket.OPEN && socket.send(JSON.stringify({ type: 'ping' })), PING_MS);
      };
      socket.onmessage = (e) => {
        try {
          const msg = JSON.parse(String(e.data)) as { type?: string; data?: ImportProgressEvent };
          if (msg.type === PROGRESS_EVENT && msg.data?.id === importId) setProgress(msg.data);
        } catch {
          /* not ours */
        }
      };
      socket.onclose = () => {
        setConnected(false);
        clearInterval(ping);
        if (stopped) return;
        attempts++;
        retry = setTimeout(open, Math.min(1000 * 2 ** attempts, 15_000));
      };
    };
    open();
    return () => {
      stopped = true;
      clearInterval(ping);
      clearTimeout(retry);
      socket?.close();
      setConnected(false);
    };
  }, [importId, enabled]);

  return { progress, connected, reset: () => setProgress(null) };
}
