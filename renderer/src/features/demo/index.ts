// The demo card tray (development and tests only; the main process says when it exists).
export { CardTray } from './CardTray';
