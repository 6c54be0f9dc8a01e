// Measures elder mode (长辈版) in the page: body text ≥ 24 px, line height ≥ 1.5, every
// control ≥ 60×60 px (links in running text excepted), text contrast ≥ 7:1. Returns problems.
(() => {
  const problems = [];
  const body = getComputedStyle(document.body);
  const size = parseFloat(body.fontSize), lh = parseFloat(body.lineHeight) / size;
  if (size < 24) problems.push('body text ' + size + 'px');
  if (lh < 1.5) problems.push('line height ' + lh.toFixed(2));
  for (const el of document.querySelectorAll('a, button, input, select, summary')) {
    const r = el.getBoundingClientRect(), cs = getComputedStyle(el);
    if (r.width === 0 || cs.visibility === 'hidden' || el.closest('.skip')) continue;
    if (el.tagName === 'A' && cs.display === 'inline') continue;  // a link in running text
    if (el.type === 'hidden') continue;
    if (r.width < 60 || r.height < 60) problems.push(`${el.tagName} "${(el.innerText||el.name||'').trim().slice(0,20)}" ${Math.round(r.width)}x${Math.round(r.height)}`);
  }
  const lum = (rgb) => { const c = rgb.map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }); return 0.2126*c[0] + 0.7152*c[1] + 0.0722*c[2]; };
  const parse = (s) => (s.match(/[\d.]+/g) || []).map(Number);
  const bgOf = (el) => { for (let e = el; e; e = e.parentElement) { const p = parse(getComputedStyle(e).backgroundColor); if (p.length === 3 || (p.length === 4 && p[3] > 0.5)) return p.slice(0,3); } return [255,255,255]; };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, el = node.parentElement;
    if (!node.textContent.trim() || !el || el.closest('svg, .skip, .visually-hidden')) continue;
    const r = el.getBoundingClientRect(); if (r.width === 0) continue;
    const fg = parse(getComputedStyle(el).color).slice(0,3), bg = bgOf(el);
    const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
    const ratio = (a + 0.05) / (b + 0.05);
    if (ratio < 7) problems.push(`contrast ${ratio.toFixed(2)} "${node.textContent.trim().slice(0,20)}"`);
  }
  return problems;
})
