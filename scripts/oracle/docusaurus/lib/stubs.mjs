// What the theme and client modules that posts import render as in the oracle: plain HTML
// elements that keep every prop (so the oracle's source-line attributes survive), nothing more.
import React from 'react';

const baseUrl = process.env.ORACLE_BASE_URL ?? '/';

function withBase(url) {
  if (typeof url !== 'string' || !url.startsWith('/') || url.startsWith('//')) return url;
  return url.startsWith(baseUrl) ? url : baseUrl + url.slice(1);
}

export function stub_Link({ to, href, children, ...rest }) {
  const target = to ?? href;
  const url = typeof target === 'string' && target.startsWith('pathname://') ? target.slice('pathname://'.length) : withBase(target);
  return React.createElement('a', { href: url, ...rest }, children);
}

export function stub_useBaseUrl(url) {
  return withBase(url);
}

export function useBaseUrlUtils() {
  return { withBaseUrl: withBase };
}

export function stub_Heading({ as, children, ...rest }) {
  return React.createElement(as ?? 'h2', rest, children);
}

export function stub_Nothing() {
  return null;
}

export function stub_Generic({ children }) {
  return React.createElement('div', null, children);
}
