// Movement replay of a flagged trust session (review page). The Blazor component MovementReplay holds the play state
// (playing, position); this module only draws on its canvas and, while playing, advances the position at real speed
// and reports it back (OnTick a few times a second, OnEnded at the end). Data: { t, x, y, k } arrays, t in ms from
// the first event, k the BehaviorEventKind (2 move, 3 down, 4 up, 5 click, 11-13 touch).
const players = new WeakMap();
const MOVE_KINDS = new Set([2, 3, 4, 5, 11, 12, 13]);
// A press is marked where the button or finger went down (every click starts with one; marking clicks too would mark it twice).
const PRESS_KINDS = new Set([3, 11]);
const REPORT_EVERY_MS = 100;

export function load(canvas, data, dotnet) {
  dispose(canvas);
  const points = [];
  for (let i = 0; i < data.t.length; i++) {
    if (MOVE_KINDS.has(data.k[i])) points.push({ t: data.t[i], x: data.x[i], y: data.y[i], click: PRESS_KINDS.has(data.k[i]) });
  }
  const duration = data.t.length ? data.t[data.t.length - 1] : 0;
  const player = { canvas, dotnet, points, duration, position: 0, raf: 0, playing: false, lastReport: 0, bounds: bounds(points) };
  players.set(canvas, player);
  player.resize = () => draw(player);
  window.addEventListener('resize', player.resize);
  draw(player);
}

export function play(canvas, fromMs) {
  const p = players.get(canvas);
  if (!p) return;
  cancelAnimationFrame(p.raf);
  p.position = Math.min(Math.max(fromMs, 0), p.duration);
  if (p.position >= p.duration) p.position = 0;
  p.playing = true;
  const wallStart = performance.now();
  const from = p.position;
  const step = (now) => {
    if (!p.playing) return;
    p.position = Math.min(from + (now - wallStart), p.duration);
    draw(p);
    if (p.position >= p.duration) {
      p.playing = false;
      p.dotnet.invokeMethodAsync('OnEnded', p.duration);
      return;
    }
    if (now - p.lastReport >= REPORT_EVERY_MS) {
      p.lastReport = now;
      p.dotnet.invokeMethodAsync('OnTick', p.position);
    }
    p.raf = requestAnimationFrame(step);
  };
  p.raf = requestAnimationFrame(step);
}

export function pause(canvas) {
  const p = players.get(canvas);
  if (!p) return -1;
  p.playing = false;
  cancelAnimationFrame(p.raf);
  return p.position;
}

export function seek(canvas, ms) {
  const p = players.get(canvas);
  if (!p) return;
  p.position = Math.min(Math.max(ms, 0), p.duration);
  draw(p);
}

export function dispose(canvas) {
  const p = players.get(canvas);
  if (!p) return;
  p.playing = false;
  cancelAnimationFrame(p.raf);
  window.removeEventListener('resize', p.resize);
  players.delete(canvas);
}

function bounds(points) {
  if (!points.length) return { minX: 0, minY: 0, maxX: 1, maxY: 1 };
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const p of points) { minX = Math.min(minX, p.x); minY = Math.min(minY, p.y); maxX = Math.max(maxX, p.x); maxY = Math.max(maxY, p.y); }
  return { minX, minY, maxX: Math.max(maxX, minX + 1), maxY: Math.max(maxY, minY + 1) };
}

function draw(p) {
  const c = p.canvas;
  const dpr = window.devicePixelRatio || 1;
  const width = c.clientWidth, height = c.clientHeight;
  if (c.width !== Math.round(width * dpr) || c.height !== Math.round(height * dpr)) { c.width = Math.round(width * dpr); c.height = Math.round(height * dpr); }
  const g = c.getContext('2d');
  g.setTransform(dpr, 0, 0, dpr, 0, 0);
  g.clearRect(0, 0, width, height);
  const pad = 16, b = p.bounds;
  // One scale for both axes, so a diagonal stays a diagonal.
  const scale = Math.min((width - 2 * pad) / (b.maxX - b.minX), (height - 2 * pad) / (b.maxY - b.minY));
  const ox = pad + ((width - 2 * pad) - (b.maxX - b.minX) * scale) / 2, oy = pad + ((height - 2 * pad) - (b.maxY - b.minY) * scale) / 2;
  const sx = (x) => ox + (x - b.minX) * scale, sy = (y) => oy + (y - b.minY) * scale;
  const css = getComputedStyle(c);
  const primary = css.getPropertyValue('--mud-palette-primary').trim() || '#594ae2';
  const faint = css.getPropertyValue('--mud-palette-lines-default').trim() || '#ddd';
  const error = css.getPropertyValue('--mud-palette-error').trim() || '#f44336';

  path(g, p.points, sx, sy, Infinity, faint, 1);
  path(g, p.points, sx, sy, p.position, primary, 2);
  let cursor = null;
  for (const pt of p.points) {
    if (pt.t > p.position) break;
    cursor = pt;
    if (pt.click) { g.beginPath(); g.strokeStyle = error; g.lineWidth = 2; g.arc(sx(pt.x), sy(pt.y), 6, 0, Math.PI * 2); g.stroke(); }
  }
  if (cursor) { g.beginPath(); g.fillStyle = primary; g.arc(sx(cursor.x), sy(cursor.y), 4, 0, Math.PI * 2); g.fill(); }
}

function path(g, points, sx, sy, until, color, width) {
  g.beginPath();
  g.strokeStyle = color;
  g.lineWidth = width;
  let started = false;
  for (const pt of points) {
    if (pt.t > until) break;
    if (!started) { g.moveTo(sx(pt.x), sy(pt.y)); started = true; } else g.lineTo(sx(pt.x), sy(pt.y));
  }
  g.stroke();
}
