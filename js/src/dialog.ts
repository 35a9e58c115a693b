import { Dialog, showDialog } from '@jupyterlab/apputils';
import { Widget } from '@lumino/widgets';
import { IOptions } from './types';

/** The CLI's options, with the labels the dialog shows. */
export const OPTION_LABELS: [keyof IOptions, string, string][] = [
  ['memory', 'Keep datasets in memory', 'datasets between nodes are not pickled to data/02_intermediate (--memory)'],
  ['keep_going', 'Keep going', 'convert the good inputs when some are bad (--keep-going)'],
  ['strict', 'Strict', 'treat warnings as errors (--strict)'],
  ['force', 'Force', 'overwrite files in the target that nb2pipe did not generate (--force)']
];

export interface IDialogValue {
  target: string;
  options: IOptions;
}

/** Body of the "Convert to Kedro pipeline" dialog: target folder and options. */
class ConvertDialogBody extends Widget implements Dialog.IBodyWidget<IDialogValue> {
  constructor(sources: string[], value: IDialogValue) {
    super();
    this.addClass('nb2pipe-Dialog');
    const what = document.createElement('p');
    what.textContent = `Convert ${sources.map(s => s || '/').join(', ')} (nothing is written before you apply the preview).`;
    this.node.appendChild(what);

    const label = document.createElement('label');
    label.className = 'nb2pipe-Dialog-target';
    label.textContent = 'Target project folder';
    this._target = document.createElement('input');
    this._target.type = 'text';
    this._target.className = 'jp-mod-styled nb2pipe-target';
    this._target.value = value.target;
    this._target.spellcheck = false;
    label.appendChild(this._target);
    this.node.appendChild(label);

    for (const [name, title, help] of OPTION_LABELS) {
      const row = document.createElement('label');
      row.className = 'nb2pipe-Dialog-option';
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.name = name;
      box.checked = value.options[name];
      this._boxes[name] = box;
      const text = document.createElement('span');
      text.textContent = title;
      const small = document.createElement('small');
      small.textContent = ` — ${help}`;
      row.append(box, text, small);
      this.node.appendChild(row);
    }
  }

  getValue(): IDialogValue {
    const options = {} as IOptions;
    for (const [name] of OPTION_LABELS) {
      options[name] = this._boxes[name].checked;
    }
    return { target: this._target.value.trim().replace(/^\/+|\/+$/g, ''), options };
  }

  private _target: HTMLInputElement;
  private _boxes = {} as Record<keyof IOptions, HTMLInputElement>;
}

/** Ask for the target and options; null when cancelled. */
export async function askOptions(sources: string[], value: IDialogValue): Promise<IDialogValue | null> {
  const result = await showDialog({
    title: 'Convert to Kedro pipeline',
    body: new ConvertDialogBody(sources, value),
    buttons: [Dialog.cancelButton(), Dialog.okButton({ label: 'Preview' })],
    focusNodeSelector: 'input.nb2pipe-target'
  });
  if (!result.button.accept || !result.value) {
    return null;
  }
  return result.value;
}
