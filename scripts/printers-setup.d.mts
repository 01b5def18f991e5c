export declare const PDF_QUEUE: 'madoguchi-pdf';
export declare const PDF_OUTPUT_DIR: string;
export declare const PDF_QUEUE_URI: string;
export declare const CUPS_ADMIN_SERVER: string;
export declare const CUPS_PDF_INSTANCE_CONF: string;
export declare function ensurePrintingStack(): Promise<{ queue: string; queueUri: string; outputDir: string }>;
