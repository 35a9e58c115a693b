import { JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { ICommandPalette, MainAreaWidget, Notification, showDialog, Dialog } from '@jupyterlab/apputils';
import { PathExt } from '@jupyterlab/coreutils';
import { IFileBrowserFactory } from '@jupyterlab/filebrowser';
import { INotebookTracker, NotebookPanel } from '@jupyterlab/notebook';
import { ServerConnection } from '@jupyterlab/services';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { Widget } from '@lumino/widgets';
import { askOptions } from './dialog';
import { nb2pipeIcon } from './icon';
import { ResultPanel, IPanelActions } from './panel';
import { RequestError, requestAPI } from './request';
import { IApplyReply, IConversionRequest, IDiagnostic, IJob, IOptions } from './types';

const PLUGIN_ID = 'nb2pipe:plugin';

export namespace CommandIDs {
  export const convert = 'nb2pipe:convert';
}

/** User settings (schema/plugin.json). */
interface ISettings {
  targetTemplate: string;
  showDialog: boolean;
  options: IOptions;
  pollInterval: number;
}

const DEFAULTS: ISettings = {
  targetTemplate: '{dir}/{stem}_kedro',
  showDialog: true,
  options: { memory: false, keep_going: false, strict: false, force: false },
  pollInterval: 250
};

/** `{dir}/{stem}_kedro` for `dir/stem.ipynb` (or the folder `dir/stem`). */
export function defaultTarget(template: string, path: string, isDir: boolean): string {
  const dir = PathExt.dirname(path);
  const base = PathExt.basename(path);
  const stem = isDir ? base : base.replace(/\.[^.]*$/, '');
  return template
    .replace(/\{dir\}/g, dir)
    .replace(/\{stem\}/g, stem)
    .replace(/\/+/g, '/')
    .replace(/^\/+|\/+$/g, '');
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/** Runs conversions through the server extension and keeps one result panel per target. */
class Controller implements IPanelActions {
  constructor(
    private app: JupyterFrontEnd,
    private tracker: INotebookTracker,
    private serverSettings: ServerConnection.ISettings
  ) {}

  settings: ISettings = DEFAULTS;

  /** Preview a conversion and show it; resolves to the finished job (null if cancelled). */
  async convert(request: IConversionRequest, reuse?: ResultPanel): Promise<IJob | null> {
    await this.saveDirty(request.paths);
    const label = request.paths.map(p => p || '/').join(', ');
    const panel = reuse ?? this.panelFor(request.target, label);
    this.requests.set(panel, request);
    const old = panel.job;
    if (old && (old.state === 'done' || old.state === 'error')) {
      void requestAPI(this.serverSettings, `preview/${old.id}`, 'DELETE').catch(() => undefined);
    }
    panel.job = null;
    panel.setState('starting', `Converting ${label}…`);
    const note = Notification.emit(`nb2pipe: converting ${label}…`, 'in-progress', { autoClose: false });
    let job: IJob;
    try {
      job = await requestAPI<IJob>(this.serverSettings, 'preview', 'POST', {
        paths: request.paths,
        target: request.target,
        options: request.options,
        kernel_id: request.kernelId
      });
      panel.update_job(job);
      while (job.state === 'running') {
        await sleep(this.settings.pollInterval);
        job = await requestAPI<IJob>(this.serverSettings, `status/${job.id}`);
        panel.update_job(job);
        if (job.progress && job.state === 'running') {
          Notification.update({
            id: note,
            type: 'in-progress',
            message: `nb2pipe: ${panel.node.querySelector('.nb2pipe-status')?.textContent ?? ''}`
          });
        }
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      panel.setState('error', 'The conversion could not start: nothing was written.');
      panel.showError(message, []);
      Notification.update({ id: note, type: 'error', message, autoClose: false });
      throw error;
    }
    if (job.state === 'error') {
      const problems = job.error?.problems ?? [];
      Notification.update({
        id: note,
        type: 'error',
        message: job.error?.message ?? 'nb2pipe: the conversion failed',
        autoClose: false,
        actions: problems.length
          ? [{ label: 'Show problems', callback: () => this.app.shell.activateById(panel.parent!.id) }]
          : []
      });
    } else {
      const s = job.result?.summary ?? {};
      const changed = (s.added ?? 0) + (s.modified ?? 0) + (s.removed ?? 0);
      const warnings = job.result?.diagnostics.filter(d => d.level !== 'info').length ?? 0;
      Notification.update({
        id: note,
        type: warnings ? 'warning' : 'success',
        message:
          `nb2pipe: preview of ${job.target}/ ready: ${changed} change(s)` +
          (warnings ? `, ${warnings} warning(s)` : '') +
          '. Review, then apply.',
        autoClose: 5000
      });
    }
    return job;
  }

  async apply(panel: ResultPanel): Promise<void> {
    const job = panel.job;
    if (!job) {
      return;
    }
    try {
      const reply = await requestAPI<IApplyReply>(this.serverSettings, 'apply', 'POST', { id: job.id });
      panel.applied(reply.written);
      const n = reply.written.filter(w => w.status !== 'unchanged').length;
      Notification.success(`nb2pipe: wrote ${n} file(s) to ${reply.target}/`, { autoClose: 5000 });
    } catch (error) {
      if (error instanceof RequestError && (error.status === 409 || error.status === 404)) {
        panel.conflict(`${error.message}`);
        Notification.warning(error.message, {
          autoClose: false,
          actions: [{ label: 'Preview again', callback: () => void this.rerun(panel) }]
        });
        return;
      }
      const message = error instanceof Error ? error.message : String(error);
      panel.setState('done', `Apply failed: ${message}`);
      Notification.error(message, { autoClose: false });
    }
  }

  async discard(panel: ResultPanel): Promise<void> {
    const job = panel.job;
    if (job && job.state !== 'applied') {
      await requestAPI(this.serverSettings, `preview/${job.id}`, 'DELETE').catch(() => undefined);
    }
    panel.parent?.dispose();
  }

  async rerun(panel: ResultPanel): Promise<void> {
    const request = this.requests.get(panel);
    if (request) {
      await this.convert(request, panel).catch(() => undefined);
    }
  }

  /** Open the notebook of a diagnostic and select its cell (and line). */
  async openSource(d: IDiagnostic): Promise<void> {
    if (!d.path) {
      return;
    }
    const widget = await this.app.commands.execute('docmanager:open', { path: d.path });
    if (!(widget instanceof NotebookPanel) || d.cell === null) {
      return;
    }
    await widget.context.ready;
    const notebook = widget.content;
    let index = notebook.widgets.findIndex(cell => cell.model.id === d.cell);
    if (index < 0 && /^\d+$/.test(d.cell)) {
      index = parseInt(d.cell, 10) - 1;
    }
    if (index < 0 || index >= notebook.widgets.length) {
      return;
    }
    this.app.shell.activateById(widget.id);
    notebook.activeCellIndex = index;
    notebook.mode = 'command';
    await notebook.scrollToItem(index, 'center');
    const cell = notebook.widgets[index];
    if (d.line !== null && cell.editor) {
      cell.editor.setCursorPosition({ line: Math.max(0, d.line - 1), column: 0 });
    }
  }

  async fileText(jobId: string, path: string): Promise<string | null> {
    try {
      const reply = await requestAPI<{ content: string | null }>(
        this.serverSettings,
        `file/${jobId}?path=${encodeURIComponent(path)}`
      );
      return reply.content ?? '(binary file)';
    } catch (error) {
      Notification.error(error instanceof Error ? error.message : String(error), { autoClose: 5000 });
      return null;
    }
  }

  /** Save open notebooks with unsaved edits among the inputs: the server converts what is on disk. */
  private async saveDirty(paths: string[]): Promise<void> {
    const saves: Promise<void>[] = [];
    this.tracker.forEach(panel => {
      const p = panel.context.path;
      const concerned = paths.some(q => q === p || q === '' || p.startsWith(q + '/'));
      if (concerned && panel.context.model.dirty && !panel.context.model.readOnly) {
        saves.push(panel.context.save());
      }
    });
    await Promise.all(saves);
  }

  private panelFor(target: string, label: string): ResultPanel {
    const existing = this.panels.get(target);
    if (existing && !existing.isDisposed) {
      this.app.shell.activateById(existing.parent!.id);
      return existing;
    }
    const content = new ResultPanel(this, label);
    const widget = new MainAreaWidget({ content });
    widget.id = `nb2pipe-result-${Private.counter++}`;
    widget.title.label = `Kedro: ${target}`;
    widget.title.icon = nb2pipeIcon;
    widget.title.closable = true;
    widget.addClass('nb2pipe-ResultWidget');
    content.node.dataset.target = target;
    // the first result opens beside the notebook, the next ones as tabs next to it
    const sibling = [...this.panels.values()].find(p => !p.isDisposed && p.parent?.isAttached);
    this.app.shell.add(
      widget,
      'main',
      sibling ? { mode: 'tab-after', ref: sibling.parent!.id } : { mode: 'split-right' }
    );
    this.panels.set(target, content);
    content.disposed.connect(() => {
      if (this.panels.get(target) === content) {
        this.panels.delete(target);
      }
      // closing the panel discards its preview on the server (nothing was written)
      const job = content.job;
      if (job && (job.state === 'done' || job.state === 'error')) {
        void requestAPI(this.serverSettings, `preview/${job.id}`, 'DELETE').catch(() => undefined);
      }
    });
    return content;
  }

  private panels = new Map<string, ResultPanel>();
  private requests = new WeakMap<ResultPanel, IConversionRequest>();
}

namespace Private {
  export let counter = 0;
}

const plugin: JupyterFrontEndPlugin<void> = {
  id: PLUGIN_ID,
  description: 'Convert notebooks (or folders) to a Kedro pipeline: preview the generated project, then apply',
  autoStart: true,
  requires: [INotebookTracker],
  optional: [ICommandPalette, IFileBrowserFactory, ISettingRegistry],
  activate: (
    app: JupyterFrontEnd,
    tracker: INotebookTracker,
    palette: ICommandPalette | null,
    browserFactory: IFileBrowserFactory | null,
    settingRegistry: ISettingRegistry | null
  ) => {
    const controller = new Controller(app, tracker, app.serviceManager.serverSettings);

    if (settingRegistry) {
      void settingRegistry
        .load(PLUGIN_ID)
        .then(settings => {
          const read = () => {
            const c = settings.composite as any;
            controller.settings = {
              targetTemplate: c.targetTemplate ?? DEFAULTS.targetTemplate,
              showDialog: c.showDialog ?? DEFAULTS.showDialog,
              options: {
                memory: !!c.memory,
                keep_going: !!c.keepGoing,
                strict: !!c.strict,
                force: !!c.force
              },
              pollInterval: DEFAULTS.pollInterval
            };
          };
          read();
          settings.changed.connect(read);
        })
        .catch(reason => console.warn('nb2pipe: cannot load settings', reason));
    }

    /** Inputs: explicit args > file-browser selection (context menu) > current notebook. */
    const inputs = (args: any): { paths: string[]; isDir: boolean; panel: NotebookPanel | null } | null => {
      if (Array.isArray(args?.paths) && args.paths.length) {
        return { paths: args.paths, isDir: !!args.isDir, panel: null };
      }
      if (typeof args?.path === 'string') {
        const panel = tracker.find(p => p.context.path === args.path) ?? null;
        return { paths: [args.path], isDir: !!args.isDir, panel };
      }
      if (args?.from === 'filebrowser' && browserFactory?.tracker.currentWidget) {
        const selected = Array.from(browserFactory.tracker.currentWidget.selectedItems()).filter(
          item => item.type === 'notebook' || item.type === 'directory'
        );
        if (selected.length) {
          return {
            paths: selected.map(item => item.path),
            isDir: selected[0].type === 'directory',
            panel: null
          };
        }
        return null;
      }
      const current = tracker.currentWidget;
      return current ? { paths: [current.context.path], isDir: false, panel: current } : null;
    };

    app.commands.addCommand(CommandIDs.convert, {
      label: 'Convert to Kedro pipeline',
      caption: 'Convert with nb2pipe: preview the generated Kedro project, then apply',
      icon: nb2pipeIcon,
      isEnabled: (args: any) => inputs(args) !== null,
      execute: async (args: any) => {
        const found = inputs(args);
        if (!found) {
          Notification.warning('nb2pipe: open a notebook or select one (or a folder) in the file browser first');
          return null;
        }
        const s = controller.settings;
        let target =
          typeof args?.target === 'string' ? args.target : defaultTarget(s.targetTemplate, found.paths[0], found.isDir);
        let options: IOptions = { ...s.options };
        for (const [key, arg] of [
          ['memory', 'memory'],
          ['keep_going', 'keepGoing'],
          ['strict', 'strict'],
          ['force', 'force']
        ] as [keyof IOptions, string][]) {
          if (typeof args?.[arg] === 'boolean') {
            options[key] = args[arg];
          }
        }
        const ask = typeof args?.dialog === 'boolean' ? args.dialog : s.showDialog;
        if (ask) {
          const answer = await askOptions(found.paths, { target, options });
          if (!answer) {
            return null;
          }
          if (!answer.target) {
            await showDialog({
              title: 'nb2pipe',
              body: new Widget({ node: Object.assign(document.createElement('p'), { textContent: 'Give a target folder.' }) }),
              buttons: [Dialog.okButton()]
            });
            return null;
          }
          ({ target, options } = answer);
        }
        const kernelId = found.panel?.sessionContext.session?.kernel?.id;
        try {
          return await controller.convert({ paths: found.paths, target, options, kernelId });
        } catch (error) {
          return { state: 'error', error: { message: error instanceof Error ? error.message : String(error) } };
        }
      }
    });

    if (palette) {
      palette.addItem({ command: CommandIDs.convert, category: 'nb2pipe' });
    }
    console.log('JupyterLab extension nb2pipe is activated');
  }
};

export default plugin;
