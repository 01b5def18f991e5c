// Entry: pick the transport once (Electron preload present → IPC; otherwise the loopback bridge),
// build the typed client and render the kiosk.
import { createRoot } from 'react-dom/client';
import { createClient } from '../../common/api/client';
import { App } from './app/App';
import { electronBridge, electronTransport } from './api/transport.electron';
import { httpTransport } from './api/transport.http';
import './styles.css';

const bridge = electronBridge();
const client = createClient(bridge ? electronTransport(bridge) : httpTransport());
createRoot(document.getElementById('root')!).render(<App client={client} />);
