"use strict";(self.rspackChunknb2pipe=self.rspackChunknb2pipe||[]).push([[232],{475(e,o,r){var t=r(601),n=r.n(t),a=r(314),i=(r.n(a))()(n());i.push([e.id,`/* nb2pipe result panel and dialog (JupyterLab theme variables only) */

.nb2pipe-ResultPanel {
  display: flex;
  flex-direction: column;
  height: 100%;
  overflow: hidden;
  padding: 8px 12px;
  box-sizing: border-box;
  font-size: var(--jp-ui-font-size1);
  color: var(--jp-ui-font-color1);
  background: var(--jp-layout-color1);
}

.nb2pipe-header {
  display: flex;
  align-items: baseline;
  flex-wrap: wrap;
  gap: 8px;
}

.nb2pipe-title {
  font-size: var(--jp-ui-font-size3);
  margin: 4px 0;
  font-weight: 600;
}

.nb2pipe-chip {
  border-radius: 10px;
  padding: 1px 8px;
  font-size: var(--jp-ui-font-size0);
  background: var(--jp-layout-color2);
}

.nb2pipe-chip[data-status='added'],
.nb2pipe-badge:is([data-status='added'], :where(.nb2pipe-diff-file[data-status='added']) *) {
  color: var(--jp-success-color1);
}

.nb2pipe-chip[data-status='modified'] {
  color: var(--jp-warn-color1);
}

.nb2pipe-chip[data-status='removed'] {
  color: var(--jp-error-color1);
}

.nb2pipe-actions {
  display: flex;
  gap: 6px;
  margin: 6px 0;
}

.nb2pipe-actions button:disabled {
  opacity: 0.5;
  cursor: default;
}

.nb2pipe-status {
  margin: 2px 0 4px;
  color: var(--jp-ui-font-color2);
}

.nb2pipe-status[data-state='conflict'],
.nb2pipe-status[data-state='error'] {
  color: var(--jp-error-color1);
}

.nb2pipe-status[data-state='applied'] {
  color: var(--jp-success-color1);
}

.nb2pipe-progress {
  width: 100%;
  height: 6px;
}

.nb2pipe-error:not(:empty) {
  border-left: 3px solid var(--jp-error-color1);
  background: var(--jp-error-color3, var(--jp-layout-color2));
  padding: 6px 8px;
  margin: 4px 0;
  white-space: pre-wrap;
}

.nb2pipe-diagnostics-summary {
  cursor: pointer;
  font-weight: 600;
  margin: 4px 0 2px;
}

.nb2pipe-diagnostic-list,
.nb2pipe-problems {
  list-style: none;
  margin: 0;
  padding: 0;
  max-height: 9em;
  overflow: auto;
}

.nb2pipe-diagnostic {
  padding: 1px 0;
}

.nb2pipe-level {
  display: inline-block;
  min-width: 5em;
  font-weight: 600;
  text-transform: uppercase;
  font-size: var(--jp-ui-font-size0);
}

.nb2pipe-diagnostic[data-level='error'] .nb2pipe-level {
  color: var(--jp-error-color1);
}

.nb2pipe-diagnostic[data-level='warning'] .nb2pipe-level {
  color: var(--jp-warn-color1);
}

.nb2pipe-diagnostic[data-level='info'] .nb2pipe-level {
  color: var(--jp-info-color1);
}

.nb2pipe-diagnostic-link {
  color: var(--jp-content-link-color);
  text-decoration: underline;
  cursor: pointer;
}

.nb2pipe-code {
  margin-left: 6px;
  color: var(--jp-ui-font-color2);
  font-size: var(--jp-ui-font-size0);
}

.nb2pipe-body {
  display: flex;
  flex: 1 1 auto;
  min-height: 0;
  border-top: 1px solid var(--jp-border-color2);
  margin-top: 6px;
}

.nb2pipe-tree {
  flex: 0 0 30%;
  max-width: 320px;
  overflow: auto;
  border-right: 1px solid var(--jp-border-color2);
  padding: 4px 0;
}

.nb2pipe-tree-list {
  list-style: none;
  margin: 0;
  padding: 0;
}

.nb2pipe-collapsed > .nb2pipe-tree-list {
  display: none;
}

.nb2pipe-tree-item {
  cursor: pointer;
  padding: 2px 4px;
  white-space: nowrap;
  overflow: hidden;
  text-overflow: ellipsis;
  font-family: var(--jp-code-font-family);
  font-size: var(--jp-code-font-size);
}

.nb2pipe-tree-item:hover {
  background: var(--jp-layout-color2);
}

.nb2pipe-tree-item.nb2pipe-selected {
  background: var(--jp-brand-color3, var(--jp-layout-color3));
}

.nb2pipe-tree-all {
  font-family: var(--jp-ui-font-family);
  font-weight: 600;
}

.nb2pipe-tree-file[data-status='added'] {
  color: var(--jp-success-color1);
}

.nb2pipe-tree-file[data-status='modified'] {
  color: var(--jp-warn-color1);
}

.nb2pipe-tree-file[data-status='removed'] {
  color: var(--jp-error-color1);
  text-decoration: line-through;
}

.nb2pipe-tree-file[data-status='unchanged'] {
  color: var(--jp-ui-font-color3);
}

.nb2pipe-diffs {
  flex: 1 1 auto;
  overflow: auto;
  padding: 4px 8px;
}

.nb2pipe-diff-head {
  position: sticky;
  top: 0;
  background: var(--jp-layout-color2);
  padding: 2px 6px;
  font-family: var(--jp-code-font-family);
  display: flex;
  gap: 8px;
}

.nb2pipe-badge {
  font-weight: 600;
}

.nb2pipe-diff,
.nb2pipe-file-text {
  margin: 0 0 10px;
  font-family: var(--jp-code-font-family);
  font-size: var(--jp-code-font-size);
  line-height: 1.35;
}

.nb2pipe-line {
  display: block;
  white-space: pre;
}

.nb2pipe-add {
  color: var(--jp-success-color0, var(--jp-success-color1));
  background: color-mix(in srgb, var(--jp-success-color1) 12%, transparent);
}

.nb2pipe-del {
  color: var(--jp-error-color0, var(--jp-error-color1));
  background: color-mix(in srgb, var(--jp-error-color1) 12%, transparent);
}

.nb2pipe-hunk {
  color: var(--jp-info-color1);
}

.nb2pipe-meta {
  color: var(--jp-ui-font-color2);
}

.nb2pipe-empty {
  color: var(--jp-ui-font-color2);
  font-style: italic;
  padding: 4px 6px;
}

.nb2pipe-Dialog {
  display: flex;
  flex-direction: column;
  gap: 6px;
  min-width: 420px;
}

.nb2pipe-Dialog-target {
  display: flex;
  flex-direction: column;
  gap: 2px;
}

.nb2pipe-Dialog-option small {
  color: var(--jp-ui-font-color2);
}
`,""]),r.d(o,{},{A:i})},314(e){e.exports=function(e){var o=[];return o.toString=function(){return this.map(function(o){var r="",t=void 0!==o[5];return o[4]&&(r+="@supports (".concat(o[4],") {")),o[2]&&(r+="@media ".concat(o[2]," {")),t&&(r+="@layer".concat(o[5].length>0?" ".concat(o[5]):""," {")),r+=e(o),t&&(r+="}"),o[2]&&(r+="}"),o[4]&&(r+="}"),r}).join("")},o.i=function(e,r,t,n,a){"string"==typeof e&&(e=[[null,e,void 0]]);var i={};if(t)for(var p=0;p<this.length;p++){var l=this[p][0];null!=l&&(i[l]=!0)}for(var c=0;c<e.length;c++){var s=[].concat(e[c]);t&&i[s[0]]||(void 0!==a&&(void 0===s[5]||(s[1]="@layer".concat(s[5].length>0?" ".concat(s[5]):""," {").concat(s[1],"}")),s[5]=a),r&&(s[2]&&(s[1]="@media ".concat(s[2]," {").concat(s[1],"}")),s[2]=r),n&&(s[4]?(s[1]="@supports (".concat(s[4],") {").concat(s[1],"}"),s[4]=n):s[4]="".concat(n)),o.push(s))}},o}},601(e){e.exports=function(e){return e[1]}},72(e){var o=[];function r(e){for(var r=-1,t=0;t<o.length;t++)if(o[t].identifier===e){r=t;break}return r}function t(e,t){for(var n={},a=[],i=0;i<e.length;i++){var p=e[i],l=t.base?p[0]+t.base:p[0],c=n[l]||0,s="".concat(l," ").concat(c);n[l]=c+1;var d=r(s),u={css:p[1],media:p[2],sourceMap:p[3],supports:p[4],layer:p[5]};if(-1!==d)o[d].references++,o[d].updater(u);else{var f=function(e,o){var r=o.domAPI(o);return r.update(e),function(o){o?(o.css!==e.css||o.media!==e.media||o.sourceMap!==e.sourceMap||o.supports!==e.supports||o.layer!==e.layer)&&r.update(e=o):r.remove()}}(u,t);t.byIndex=i,o.splice(i,0,{identifier:s,updater:f,references:1})}a.push(s)}return a}e.exports=function(e,n){var a=t(e=e||[],n=n||{});return function(e){e=e||[];for(var i=0;i<a.length;i++){var p=r(a[i]);o[p].references--}for(var l=t(e,n),c=0;c<a.length;c++){var s=r(a[c]);0===o[s].references&&(o[s].updater(),o.splice(s,1))}a=l}}},659(e){var o={};e.exports=function(e,r){var t=function(e){if(void 0===o[e]){var r=document.querySelector(e);if(window.HTMLIFrameElement&&r instanceof window.HTMLIFrameElement)try{r=r.contentDocument.head}catch(e){r=null}o[e]=r}return o[e]}(e);if(!t)throw Error("Couldn't find a style target. This probably means that the value for the 'insert' parameter is invalid.");t.appendChild(r)}},540(e){e.exports=function(e){var o=document.createElement("style");return e.setAttributes(o,e.attributes),e.insert(o,e.options),o}},56(e,o,r){e.exports=function(e){var o=r.nc;o&&e.setAttribute("nonce",o)}},825(e){e.exports=function(e){if("u"<typeof document)return{update:function(){},remove:function(){}};var o=e.insertStyleElement(e);return{update:function(r){var t,n,a;t="",r.supports&&(t+="@supports (".concat(r.supports,") {")),r.media&&(t+="@media ".concat(r.media," {")),(n=void 0!==r.layer)&&(t+="@layer".concat(r.layer.length>0?" ".concat(r.layer):""," {")),t+=r.css,n&&(t+="}"),r.media&&(t+="}"),r.supports&&(t+="}"),(a=r.sourceMap)&&"u">typeof btoa&&(t+="\n/*# sourceMappingURL=data:application/json;base64,".concat(btoa(unescape(encodeURIComponent(JSON.stringify(a))))," */")),e.styleTagTransform(t,o,e.options)},remove:function(){var e;null===(e=o).parentNode||e.parentNode.removeChild(e)}}}},113(e){e.exports=function(e,o){if(o.styleSheet)o.styleSheet.cssText=e;else{for(;o.firstChild;)o.removeChild(o.firstChild);o.appendChild(document.createTextNode(e))}}},579(e,o,r){var t=r(72),n=r.n(t),a=r(825),i=r.n(a),p=r(659),l=r.n(p),c=r(56),s=r.n(c),d=r(540),u=r.n(d),f=r(113),v=r.n(f),b=r(475),g={};g.styleTagTransform=v(),g.setAttributes=s(),g.insert=l().bind(null,"head"),g.domAPI=i(),g.insertStyleElement=u(),n()(b.A,g),b.A&&b.A.locals&&b.A.locals}}]);