import { Widget } from '@lumino/widgets';
import { IDiagnostic, IFileChange, IJob } from './types';

/** What the result panel asks its owner to do. */
export interface IPanelActions {
  apply(panel: ResultPanel): Promise<void>;
  discard(panel: ResultPanel): Promise<void>;
  rerun(panel: ResultPanel): Promise<void>;
  openSource(diagnostic: IDiagnostic): Promise<void>;
  fileText(jobId: string, path: string): Promise<string | null>;
}

type PanelState = IJob['state'] | 'conflict' | 'starting';

const ALL = '';

/**
 * The result of a conversion: the generated files as a tree, the diff of each against what is on
 * disk, the diagnostics with links to the cells, and Apply / Discard / Preview again.
 * Everything from the server is rendered with textContent (no HTML injection from file contents).
 */
export class ResultPanel extends Widget {
  job: IJob | null = null;

  constructor(private readonly actions: IPanelActions, label: string) {
    super();
    this.addClass('nb2pipe-ResultPanel');
    this.node.tabIndex = -1;
    const header = el('div', 'nb2pipe-header');
    this._title = el('h2', 'nb2pipe-title', label);
    this._summary = el('div', 'nb2pipe-summary');
    header.append(this._title, this._summary);

    const bar = el('div', 'nb2pipe-actions');
    this._apply = button('Apply', 'nb2pipe-apply jp-mod-accept', () => this.run(() => this.actions.apply(this)));
    this._discard = button('Discard', 'nb2pipe-discard jp-mod-reject', () => this.run(() => this.actions.discard(this)));
    this._rerun = button('Preview again', 'nb2pipe-rerun', () => this.run(() => this.actions.rerun(this)));
    bar.append(this._apply, this._discard, this._rerun);

    this._status = el('div', 'nb2pipe-status');
    this._progress = document.createElement('progress');
    this._progress.className = 'nb2pipe-progress';
    this._error = el('div', 'nb2pipe-error');
    this._diagnostics = el('div', 'nb2pipe-diagnostics');
    const body = el('div', 'nb2pipe-body');
    this._tree = el('div', 'nb2pipe-tree');
    this._diffs = el('div', 'nb2pipe-diffs');
    body.append(this._tree, this._diffs);
    this.node.append(header, bar, this._status, this._progress, this._error, this._diagnostics, body);
    this.setState('starting', 'Starting the conversion…');
  }

  /** Show a job as the status endpoint returns it. */
  update_job(job: IJob): void {
    const first = this.job?.id !== job.id || this.job?.state !== job.state;
    this.job = job;
    const sources = job.paths.map(p => p || '/').join(', ');
    this._title.textContent = `${sources} → ${job.target}/`;
    this._title.title = job.python
      ? `requirements.txt pins the versions of the kernel's interpreter ${job.python}`
      : "requirements.txt pins the versions of the Jupyter server's environment";
    this.node.dataset.job = job.id;
    if (job.state === 'running') {
      const p = job.progress;
      const text = !p
        ? 'Reading the inputs…'
        : p.done < p.total
          ? `Analysing ${p.path} (${p.done}/${p.total})…`
          : 'Planning and rendering the project…';
      this.setState('running', text);
      if (p && p.total > 0) {
        this._progress.max = p.total + 1;
        this._progress.value = p.done;
      } else {
        this._progress.removeAttribute('value');
      }
      return;
    }
    if (!first) {
      return;
    }
    if (job.state === 'error') {
      this.setState('error', 'The conversion failed: nothing was written.');
      this.showError(job.error?.message ?? 'unknown error', job.error?.problems ?? []);
      this._renderResult();
      return;
    }
    if (job.state === 'applied') {
      const n = job.written?.filter(w => w.status !== 'unchanged').length ?? 0;
      this.setState('applied', `Applied: ${n} file(s) written to ${job.target}/.`);
      return;
    }
    this._renderResult();
    const s = job.result?.summary ?? {};
    const changed = (s.added ?? 0) + (s.modified ?? 0) + (s.removed ?? 0);
    this.setState(
      'done',
      changed
        ? `Preview: ${changed} change(s) to write to ${job.target}/. Nothing is written until you apply.`
        : `Nothing to write: ${job.target}/ is up to date.`
    );
  }

  /** The apply was refused because the inputs or the target changed since the preview. */
  conflict(message: string): void {
    this.setState('conflict', message);
  }

  applied(written: { path: string; status: string }[]): void {
    if (this.job) {
      this.job = { ...this.job, state: 'applied', written };
    }
    const n = written.filter(w => w.status !== 'unchanged').length;
    this.setState('applied', `Applied: ${n} file(s) written to ${this.job?.target ?? ''}/.`);
  }

  showError(message: string, problems: IDiagnostic[]): void {
    this._error.replaceChildren();
    if (!message) {
      return;
    }
    this._error.append(el('div', 'nb2pipe-error-message', message));
    if (problems.length) {
      const list = el('ul', 'nb2pipe-problems');
      for (const d of problems) {
        list.append(this._diagnostic(d));
      }
      this._error.append(list);
    }
  }

  setState(state: PanelState, message: string): void {
    this.node.dataset.state = state;
    this._status.textContent = message;
    this._status.dataset.state = state;
    this._progress.style.display = state === 'running' || state === 'starting' ? '' : 'none';
    this._apply.disabled = state !== 'done' || this._busy;
    this._discard.disabled = state === 'running' || state === 'starting' || this._busy;
    this._rerun.disabled = state === 'running' || state === 'starting' || this._busy;
    if (state !== 'error') {
      this.showError('', []);
    }
  }

  private async run(action: () => Promise<void>): Promise<void> {
    this._busy = true;
    this.setState((this.node.dataset.state as PanelState) ?? 'done', this._status.textContent ?? '');
    try {
      await action();
    } finally {
      this._busy = false;
      this.setState((this.node.dataset.state as PanelState) ?? 'done', this._status.textContent ?? '');
    }
  }

  private _renderResult(): void {
    const result = this.job?.result;
    this._summary.replaceChildren();
    this._diagnostics.replaceChildren();
    this._tree.replaceChildren();
    this._diffs.replaceChildren();
    if (!result) {
      return;
    }
    for (const status of ['added', 'modified', 'removed', 'unchanged']) {
      const n = result.summary[status] ?? 0;
      if (n) {
        const chip = el('span', 'nb2pipe-chip', `${n} ${status}`);
        chip.dataset.status = status;
        this._summary.append(chip);
      }
    }
    if (result.diagnostics.length) {
      // open when something needs attention; info-only lists stay folded
      const box = document.createElement('details');
      box.className = 'nb2pipe-diagnostics-box';
      box.open = result.diagnostics.some(d => d.level !== 'info');
      const counts = ['error', 'warning', 'info']
        .map(level => [level, result.diagnostics.filter(d => d.level === level).length] as const)
        .filter(([, n]) => n > 0)
        .map(([level, n]) => `${n} ${level}${n > 1 && level !== 'info' ? 's' : ''}`)
        .join(', ');
      box.append(el('summary', 'nb2pipe-diagnostics-summary', `Diagnostics: ${counts}`));
      const list = el('ul', 'nb2pipe-diagnostic-list');
      for (const d of result.diagnostics) {
        list.append(this._diagnostic(d));
      }
      box.append(list);
      this._diagnostics.append(box);
    }
    this._renderTree(result.files);
    this.select(ALL);
  }

  private _diagnostic(d: IDiagnostic): HTMLElement {
    const item = el('li', 'nb2pipe-diagnostic');
    item.dataset.level = d.level;
    item.dataset.code = d.code;
    item.append(el('span', 'nb2pipe-level', d.level));
    if (d.path) {
      const where = [d.source || d.path, d.cell !== null ? `cell ${d.cell}` : '', d.line !== null ? `line ${d.line}` : '']
        .filter(Boolean)
        .join(', ');
      const link = el('a', 'nb2pipe-diagnostic-link', where) as HTMLAnchorElement;
      link.href = '#';
      link.title = 'Open the notebook at this cell';
      link.addEventListener('click', event => {
        event.preventDefault();
        void this.actions.openSource(d);
      });
      item.append(link, document.createTextNode(': '));
    } else if (d.source) {
      item.append(document.createTextNode(`${d.source}${d.cell !== null ? ` cell ${d.cell}` : ''}: `));
    }
    item.append(el('span', 'nb2pipe-diagnostic-message', d.message), el('code', 'nb2pipe-code', d.code));
    return item;
  }

  private _renderTree(files: IFileChange[]): void {
    const all = el('div', 'nb2pipe-tree-item nb2pipe-tree-all', 'All changes');
    all.dataset.path = ALL;
    all.addEventListener('click', () => this.select(ALL));
    this._tree.append(all);
    // nested folders → files, folders first, each level sorted
    type Node = { dirs: Map<string, Node>; files: IFileChange[] };
    const rootNode: Node = { dirs: new Map(), files: [] };
    for (const f of files) {
      const parts = f.path.split('/');
      let node = rootNode;
      for (const part of parts.slice(0, -1)) {
        if (!node.dirs.has(part)) {
          node.dirs.set(part, { dirs: new Map(), files: [] });
        }
        node = node.dirs.get(part)!;
      }
      node.files.push(f);
    }
    const renderNode = (node: Node, prefix: string, depth: number): HTMLElement => {
      const list = el('ul', 'nb2pipe-tree-list');
      for (const name of [...node.dirs.keys()].sort()) {
        const child = node.dirs.get(name)!;
        const li = el('li', 'nb2pipe-tree-dir');
        const row = el('div', 'nb2pipe-tree-item nb2pipe-tree-folder', `${name}/`);
        row.dataset.path = prefix + name;
        row.style.paddingLeft = `${depth * 12 + 4}px`;
        const sub = renderNode(child, `${prefix}${name}/`, depth + 1);
        row.addEventListener('click', () => li.classList.toggle('nb2pipe-collapsed'));
        li.append(row, sub);
        list.append(li);
      }
      for (const f of [...node.files].sort((a, b) => a.path.localeCompare(b.path))) {
        const li = el('li', '');
        const row = el('div', 'nb2pipe-tree-item nb2pipe-tree-file', f.path.split('/').pop()!);
        row.dataset.path = f.path;
        row.dataset.status = f.status;
        row.title = `${f.path} (${f.status})`;
        row.style.paddingLeft = `${depth * 12 + 4}px`;
        row.addEventListener('click', () => this.select(f.path));
        li.append(row);
        list.append(li);
      }
      return list;
    };
    this._tree.append(renderNode(rootNode, '', 0));
  }

  /** Show the diff of one file, or of every changed file (path ''). */
  select(path: string): void {
    const files = this.job?.result?.files ?? [];
    for (const row of Array.from(this._tree.querySelectorAll<HTMLElement>('.nb2pipe-tree-item'))) {
      row.classList.toggle('nb2pipe-selected', row.dataset.path === path);
    }
    this._diffs.replaceChildren();
    this._diffs.dataset.selected = path;
    const shown = path === ALL ? files.filter(f => f.status !== 'unchanged') : files.filter(f => f.path === path);
    if (path === ALL && shown.length === 0) {
      this._diffs.append(el('div', 'nb2pipe-empty', 'No changes: the target already holds exactly this.'));
    }
    for (const f of shown) {
      this._diffs.append(this._fileDiff(f, path !== ALL));
    }
  }

  private _fileDiff(f: IFileChange, single: boolean): HTMLElement {
    const box = el('section', 'nb2pipe-diff-file');
    box.dataset.path = f.path;
    box.dataset.status = f.status;
    const head = el('div', 'nb2pipe-diff-head');
    head.append(el('span', 'nb2pipe-badge', f.status), el('span', 'nb2pipe-diff-path', f.path));
    box.append(head);
    if (f.kind !== 'text') {
      box.append(el('div', 'nb2pipe-empty', f.kind === 'copy' ? 'raw data file, copied as is' : 'binary file'));
      return box;
    }
    if (f.diff) {
      box.append(renderDiff(f.diff));
    } else {
      box.append(el('div', 'nb2pipe-empty', f.status === 'unchanged' ? 'unchanged' : 'no textual diff'));
    }
    if (single && this.job && f.status !== 'removed') {
      const show = button('Show the whole generated file', 'nb2pipe-show-file', async () => {
        const text = await this.actions.fileText(this.job!.id, f.path);
        if (text !== null) {
          const pre = el('pre', 'nb2pipe-file-text', text);
          show.replaceWith(pre);
        }
      });
      box.append(show);
    }
    return box;
  }

  private _busy = false;
  private _title: HTMLElement;
  private _summary: HTMLElement;
  private _apply: HTMLButtonElement;
  private _discard: HTMLButtonElement;
  private _rerun: HTMLButtonElement;
  private _status: HTMLElement;
  private _progress: HTMLProgressElement;
  private _error: HTMLElement;
  private _diagnostics: HTMLElement;
  private _tree: HTMLElement;
  private _diffs: HTMLElement;
}

/** A unified diff as a <pre>, one span per line, coloured by kind. */
export function renderDiff(diff: string): HTMLElement {
  const pre = el('pre', 'nb2pipe-diff');
  const lines = diff.endsWith('\n') ? diff.slice(0, -1).split('\n') : diff.split('\n');
  for (const line of lines) {
    let kind = 'nb2pipe-ctx';
    if (line.startsWith('+++') || line.startsWith('---')) {
      kind = 'nb2pipe-meta';
    } else if (line.startsWith('@@')) {
      kind = 'nb2pipe-hunk';
    } else if (line.startsWith('+')) {
      kind = 'nb2pipe-add';
    } else if (line.startsWith('-')) {
      kind = 'nb2pipe-del';
    }
    pre.append(el('span', `nb2pipe-line ${kind}`, line + '\n'));
  }
  return pre;
}

function el(tag: string, className: string, text?: string): HTMLElement {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (text !== undefined) {
    node.textContent = text;
  }
  return node;
}

function button(label: string, className: string, onClick: () => void): HTMLButtonElement {
  const b = document.createElement('button');
  b.className = `jp-Button jp-mod-styled ${className}`;
  b.textContent = label;
  b.addEventListener('click', onClick);
  return b;
}
