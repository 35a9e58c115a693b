import { LabIcon } from '@jupyterlab/ui-components';

const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 24 24">
  <g class="jp-icon3" fill="#616161">
    <rect x="2" y="3" width="7" height="6" rx="1.5"/>
    <rect x="15" y="3" width="7" height="6" rx="1.5"/>
    <rect x="8.5" y="15" width="7" height="6" rx="1.5"/>
    <path d="M9 5.2h6v1.6H9zM5 9h1.6v3.2h5.4V15h-1.6v-1.2H5zM17.4 9H19v4.8h-5.4V15H12v-2.8h5.4z"/>
  </g>
</svg>`;

/** Toolbar and menu icon of the nb2pipe command: three linked nodes. */
export const nb2pipeIcon = new LabIcon({ name: 'nb2pipe:pipeline', svgstr: svg });
