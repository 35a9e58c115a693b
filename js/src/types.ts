/** JSON shapes of the nb2pipe server extension (nb2pipe/jupyter/jobs.py). */

export interface IOptions {
  memory: boolean;
  keep_going: boolean;
  strict: boolean;
  force: boolean;
}

export interface IDiagnostic {
  level: 'info' | 'warning' | 'error';
  code: string;
  message: string;
  /** Source path as the converter names it. */
  source: string;
  /** Cell id or 1-based position. */
  cell: string | null;
  line: number | null;
  /** Contents-API path of the source, when it can be opened. */
  path: string | null;
  text: string;
}

export interface IFileChange {
  path: string;
  status: 'added' | 'modified' | 'removed' | 'unchanged';
  diff: string;
  kind: 'text' | 'binary' | 'copy';
}

export interface IJobError {
  kind: string;
  message: string;
  problems?: IDiagnostic[];
  reason?: string;
}

export interface IJob {
  id: string;
  state: 'running' | 'done' | 'error' | 'applied' | 'discarded';
  paths: string[];
  target: string;
  options: IOptions;
  python: string | null;
  elapsed: number;
  progress: { path: string; done: number; total: number } | null;
  error?: IJobError;
  result?: {
    files: IFileChange[];
    diagnostics: IDiagnostic[];
    fingerprint: string;
    summary: Record<string, number>;
  };
  written?: { path: string; status: string }[];
}

export interface IApplyReply {
  id: string;
  state: string;
  target: string;
  written: { path: string; status: string }[];
}

/** What the user asks for: inputs, target and the CLI's options. */
export interface IConversionRequest {
  paths: string[];
  target: string;
  options: IOptions;
  kernelId?: string;
}
