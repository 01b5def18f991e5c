// Types for santigimeno/node-pcsclite 1.0.1 (the package ships none). Only what native/pcsc uses.
declare module 'pcsclite' {
  import type { EventEmitter } from 'node:events';

  export interface ReaderStatus {
    state: number;
    atr?: Buffer;
  }

  export interface CardReader extends EventEmitter {
    readonly name: string;
    /** Set by the addon after a successful connect / disconnect. */
    connected: boolean;
    state?: number;
    connect(options: { share_mode?: number; protocol?: number }, cb: (err: Error | null, protocol?: number) => void): void;
    disconnect(disposition: number, cb: (err: Error | null) => void): void;
    transmit(data: Buffer, resLen: number, protocol: number, cb: (err: Error | null, data?: Buffer) => void): void;
    /** Stops this reader's status thread (SCardCancel + join); returns the PC/SC result code. */
    close(): number;
    on(event: 'status', listener: (status: ReaderStatus) => void): this;
    on(event: 'end', listener: () => void): this;
    on(event: 'error', listener: (err: Error) => void): this;

    readonly SCARD_SHARE_SHARED: number;
    readonly SCARD_SHARE_EXCLUSIVE: number;
    readonly SCARD_PROTOCOL_T0: number;
    readonly SCARD_PROTOCOL_T1: number;
    readonly SCARD_STATE_PRESENT: number;
    readonly SCARD_STATE_EMPTY: number;
    readonly SCARD_STATE_MUTE: number;
    readonly SCARD_LEAVE_CARD: number;
    readonly SCARD_RESET_CARD: number;
    readonly SCARD_UNPOWER_CARD: number;
  }

  export interface PCSCLite extends EventEmitter {
    /** Readers currently known to this instance, by name. */
    readers: Record<string, CardReader>;
    /** Starts the reader-list monitor thread; called once by the factory on the next tick. */
    start(cb: (err: Error | undefined | null, readersMultiString?: Buffer) => void): void;
    /** Stops the reader-list monitor thread. */
    close(): number;
    on(event: 'reader', listener: (reader: CardReader) => void): this;
    on(event: 'error', listener: (err: Error) => void): this;
  }

  /** Throws synchronously when no PC/SC context can be established (pcscd not running). */
  function pcsclite(): PCSCLite;
  export default pcsclite;
}
