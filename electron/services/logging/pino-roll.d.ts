// Types for the part of `pino-roll` the kiosk log uses (the package ships none): the async factory
// returning the SonicBoom stream that pino writes to and that rolls by size.
declare module 'pino-roll' {
  import type SonicBoom from 'sonic-boom';
  export interface PinoRollOptions {
    file: string;
    size?: string | number;
    frequency?: string | number;
    extension?: string;
    limit?: { count?: number; removeOtherLogFiles?: boolean };
    mkdir?: boolean;
    symlink?: boolean;
  }
  export default function roll(options: PinoRollOptions): Promise<SonicBoom>;
}
