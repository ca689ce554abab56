import { contextBridge, ipcRenderer } from 'electron';
import { preloadBridge } from './preload-bridge';

/**
 * The sandboxed preload: `window.nexus` and nothing else. It is bundled into one CommonJS file
 * (sandboxed preloads cannot load modules), imports only `shared/`, and never hands the page
 * `ipcRenderer` or an Electron event object.
 */
contextBridge.exposeInMainWorld('nexus', preloadBridge(ipcRenderer));
