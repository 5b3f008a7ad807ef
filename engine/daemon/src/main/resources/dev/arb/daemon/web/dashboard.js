// The arb dashboard: polls the daemon's JSON routes (/status, /opportunities, /aggregate) and
// draws them; sends pause / resume / kill switch with the control token as a bearer header.
// The token lives in this tab's sessionStorage only: never in a URL, a cookie or localStorage.
'use strict';

(function () {
  const TOKEN_KEY = 'arb.control-token';
  const STATUS_EVERY_MS = 2000;
  const OPPORTUNITIES_EVERY_MS = 4000;
  const AGGREGATE_EVERY_MS = 10000;
  const OPPORTUNITIES_SHOWN = 30;
  const LATENCY_SAMPLES = 150;
  const COLORS = ['#0550ae', '#bc4c00', '#116329', '#8250df', '#a40e26', '#6e7781'];
  const STATUS_COLORS = {
    detected: '#6e7781',
    sized: '#0550ae',
    rejected: '#bc4c00',
    executing: '#8250df',
    executed: '#116329',
    failed: '#a40e26',
  };

  const $ = (id) => document.getElementById(id);

  // ---------- formatting ----------

  function duration(seconds) {
    if (seconds == null || !isFinite(seconds)) return '–';
    const s = Math.max(0, Math.floor(seconds));
    const d = Math.floor(s / 86400);
    const h = Math.floor((s % 86400) / 3600);
    const m = Math.floor((s % 3600) / 60);
    if (d > 0) return d + 'd ' + h + 'h';
    if (h > 0) return h + 'h ' + m + 'm';
    if (m > 0) return m + 'm ' + (s % 60) + 's';
    return s + 's';
  }

  function age(seconds) {
    if (seconds == null || !isFinite(seconds)) return '–';
    return seconds < 10 ? seconds.toFixed(1) + 's' : duration(seconds);
  }

  // a decimal string shown with at most 8 decimals, never through floating point
  function decimal(text) {
    if (text == null) return '–';
    const s = String(text);
    const dot = s.indexOf('.');
    if (dot < 0 || s.length - dot - 1 <= 8) return s;
    return s.slice(0, dot + 9).replace(/0+$/, '').replace(/\.$/, '');
  }

  function utcTime(iso) {
    if (!iso) return '–';
    const d = new Date(iso);
    return isNaN(d) ? iso : d.toISOString().slice(0, 19).replace('T', ' ');
  }

  function cell(row, text, cls) {
    const td = document.createElement('td');
    td.textContent = text;
    if (cls) td.className = cls;
    row.appendChild(td);
    return td;
  }

  function signClass(text) {
    if (text == null) return '';
    return String(text).startsWith('-') ? 'neg' : /[1-9]/.test(text) ? 'pos' : '';
  }

  // ---------- fetching ----------

  function problem(text) {
    const p = $('problem');
    p.textContent = text || '';
    p.hidden = !text;
  }

  async function getJson(path) {
    const r = await fetch(path, { cache: 'no-store', headers: { Accept: 'application/json' } });
    let body = null;
    try {
      body = await r.json();
    } catch (e) {
      body = null;
    }
    if (!r.ok) {
      const why = body && body.error ? body.error : r.statusText;
      throw new Error(path + ': ' + r.status + ' ' + why);
    }
    return body;
  }

  function every(ms, task) {
    const run = async () => {
      try {
        await task();
      } catch (e) {
        problem(e instanceof TypeError ? 'cannot reach the daemon (' + e.message + ')' : e.message);
      }
      setTimeout(run, ms);
    };
    run();
  }

  // ---------- status ----------

  function showStatus(s) {
    problem('');
    const state = $('state');
    state.textContent = s.state;
    state.className = 'badge ' + s.state;
    $('kill').hidden = !s.kill_switch;
    $('updated').textContent = 'updated ' + utcTime(s.now) + ' UTC';

    const rows = [
      ['uptime', duration(s.uptime_seconds)],
      ['data', (s.data && s.data.source) || '–'],
      ['data age', age(s.data && s.data.age_seconds)],
      ['snapshots', s.data ? String(s.data.snapshots) : '–'],
      ['scans', String(s.scans)],
      ['last scan', s.last_scan && s.last_scan.duration_ms != null
        ? s.last_scan.duration_ms.toFixed(1) + ' ms over ' + s.last_scan.markets + ' markets'
        : '–'],
      ['opportunities found', String(s.opportunities_found)],
      ['records written', s.records ? s.records.written + ' (' + s.records.queued + ' queued)' : '–'],
      ['errors', s.errors ? String(s.errors.count) + (s.errors.last ? ': ' + s.errors.last : '') : '–'],
    ];
    if (s.records && s.records.failure) rows.push(['record store', 'cannot write: ' + s.records.failure]);
    if (s.trading && s.trading.blocked) rows.push(['trading', 'blocked: ' + s.trading.blocked]);
    const dl = $('summary');
    dl.replaceChildren();
    for (const [k, v] of rows) {
      const dt = document.createElement('dt');
      dt.textContent = k;
      const dd = document.createElement('dd');
      dd.textContent = v;
      dl.append(dt, dd);
    }

    const tbody = $('exchanges').querySelector('tbody');
    tbody.replaceChildren();
    const exchanges = (s.data && s.data.exchanges) || {};
    for (const [name, e] of Object.entries(exchanges)) {
      const tr = document.createElement('tr');
      cell(tr, name);
      cell(tr, String(e.books), 'num');
      cell(tr, age(e.age_seconds), 'num');
      cell(tr, e.health ? (e.down ? e.health + ' (down)' : e.health) : 'replay', e.down ? 'neg' : '');
      const feed = e.stream
        ? 'stream, ' + (e.stream.connected ? 'connected' : 'disconnected') +
          (e.stream.reconnects ? ', ' + e.stream.reconnects + ' reconnects' : '')
        : e.feed || 'file';
      cell(tr, feed);
      tbody.appendChild(tr);
    }
    showChains(s.chains);
    showLatency(s.stream, s.now);
  }

  // ---------- decision latency ----------

  const latencySamples = { t: [], p50: [], p99: [], max: [] };

  function micros(us) {
    if (us == null || !isFinite(us)) return '–';
    if (us >= 1e6) return (us / 1e6).toFixed(2) + ' s';
    if (us >= 1e3) return (us / 1e3).toFixed(2) + ' ms';
    return us.toFixed(us >= 100 ? 0 : 1) + ' µs';
  }

  // 'minute', '5 minutes', else a duration
  function lastWindow(seconds) {
    if (seconds === 60) return 'minute';
    if (seconds > 0 && seconds % 60 === 0) return seconds / 60 + ' minutes';
    return duration(seconds);
  }

  // the streaming runner's tick-to-decision latency, and a chart of the values this page polled
  function showLatency(stream, now) {
    const l = stream && stream.decision_latency;
    const none = $('latency-none');
    const dl = $('latency');
    dl.replaceChildren();
    $('latency-figure').hidden = latencySamples.t.length === 0 && !(l && l.events);
    if (!l || !l.events) {
      none.hidden = false;
      none.textContent = 'No streamed updates yet' +
        (l ? ' in the last ' + lastWindow(l.window_seconds) : '') +
        ': the latency is measured on streamed book and pool updates (polled snapshots are' +
        ' scanned whole and not timed).';
      return;
    }
    none.hidden = true;
    const rows = [
      ['updates', String(l.events) + ' in the last ' + lastWindow(l.window_seconds)],
      ['p50', micros(l.p50_us)],
      ['p99', micros(l.p99_us)],
      ['max', micros(l.max_us)],
    ];
    for (const [k, v] of rows) {
      const dt = document.createElement('dt');
      dt.textContent = k;
      const dd = document.createElement('dd');
      dd.textContent = v;
      dl.append(dt, dd);
    }
    const t = Date.parse(now) / 1000;
    const x = latencySamples;
    x.t.push(isFinite(t) ? t : Date.now() / 1000);
    // drawn in milliseconds: p50 is often well under one, p99 and max above
    x.p50.push(l.p50_us / 1e3);
    x.p99.push(l.p99_us / 1e3);
    x.max.push(l.max_us / 1e3);
    if (x.t.length > LATENCY_SAMPLES) {
      for (const k of Object.keys(x)) x[k].shift();
    }
    draw('latency', $('chart-latency'), null,
      [line('p50', '#116329'), line('p99', '#bc4c00'), line('max', '#a40e26', [4, 3])],
      [x.t.slice(), x.p50.slice(), x.p99.slice(), x.max.slice()], 160, true);
  }

  // chains, when the daemon watches any: each entry shown by its name and its scalar fields
  function showChains(chains) {
    const box = $('chains-box');
    const entries = chains == null ? [] : Array.isArray(chains)
      ? chains.map((c, i) => [c.name || c.chain || String(i), c])
      : Object.entries(chains);
    box.hidden = entries.length === 0;
    const tbody = $('chains').querySelector('tbody');
    tbody.replaceChildren();
    for (const [name, c] of entries) {
      const tr = document.createElement('tr');
      cell(tr, name);
      const parts = [];
      for (const [k, v] of Object.entries(c || {})) {
        if (v !== null && typeof v !== 'object' && k !== 'name') {
          parts.push(k.replace(/_/g, ' ') + ' ' + (k.endsWith('seconds') ? age(v) : v));
        }
      }
      cell(tr, parts.join(', '));
      tbody.appendChild(tr);
    }
  }

  // ---------- opportunities ----------

  function cycle(o) {
    const nodes = (o.assets || []).slice();
    if (nodes.length > 0 && nodes[0] === o.start_asset) nodes.push(nodes[0]);
    return nodes.join(' → ');
  }

  function showOpportunities(list) {
    const rows = (list || []).slice().sort((a, b) => b.return_bp - a.return_bp);
    const tbody = $('opportunities').querySelector('tbody');
    tbody.replaceChildren();
    for (const o of rows) {
      const tr = document.createElement('tr');
      cell(tr, utcTime(o.detected_at));
      cell(tr, o.status, 'status-' + o.status);
      cell(tr, cycle(o));
      cell(tr, (o.exchanges || []).join(', '));
      cell(tr, Number(o.return_bp).toFixed(2), 'num ' + signClass(String(o.return_bp)));
      cell(tr, decimal(o.estimated_profit) + ' ' + o.start_asset, 'num');
      cell(tr, o.realized_profit == null ? '–' : decimal(o.realized_profit) + ' ' + o.start_asset,
        'num ' + signClass(o.realized_profit));
      if (o.reason) tr.title = o.reason;
      tbody.appendChild(tr);
    }
    $('opps-note').textContent = rows.length === 0
      ? 'No opportunities recorded yet.'
      : 'The ' + rows.length + ' newest records, sorted by return. Hover a row for its reason.';
  }

  // ---------- charts ----------

  const charts = {};
  let bucket = 'minute';

  // x-axis labels in UTC: hours and minutes, or the date for day buckets
  function axisTimes(u, splits) {
    return splits.map((v) => {
      const t = utcTime(v * 1000);
      return bucket === 'day' ? t.slice(5, 10) : t.slice(11, 16);
    });
  }

  function chartWidth(el) {
    return Math.max(260, Math.floor(el.getBoundingClientRect().width) || 600);
  }

  // draws into `el`, making the chart again when the series change, else only its data
  function draw(key, el, title, series, data, height, seconds) {
    if (typeof window.uPlot !== 'function') {
      el.textContent = 'Charts are not available: this build of arb lacks the chart library.';
      el.className = 'chart-empty';
      return;
    }
    const signature = series.map((s) => s.label).join('|');
    const old = charts[key];
    if (old && old.signature === signature && old.el === el) {
      old.plot.setData(data);
      return;
    }
    if (old) old.plot.destroy();
    const opts = {
      width: chartWidth(el),
      height: height || 200,
      series: [{ label: 'time (UTC)', value: (u, v) => (v == null ? '–' : utcTime(v * 1000)) }]
        .concat(series),
      axes: [
        seconds
          ? {
            // whole seconds, far enough apart for HH:MM:SS
            space: 90,
            incrs: [1, 2, 5, 10, 15, 30, 60, 120, 300, 600],
            values: (u, splits) => splits.map((v) => utcTime(v * 1000).slice(11, 19)),
          }
          : { values: axisTimes },
        { size: 70 },
      ],
      scales: { x: { time: true } },
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1e3), 'Etc/UTC'),
    };
    if (title) opts.title = title;
    charts[key] = { signature: signature, el: el, plot: new uPlot(opts, data, el) };
  }

  function line(label, color, dash) {
    return { label: label, stroke: color, width: 2, dash: dash, points: { show: false } };
  }

  function showCharts(a) {
    const x = a.times;
    bucket = a.bucket;
    $('chart-note').textContent =
      a.records + ' records, counted per ' + a.bucket +
      (a.complete ? '' : ' (only the newest are counted: choose a shorter window)');

    const found = [];
    const foundData = [x];
    for (const [status, counts] of Object.entries(a.found)) {
      found.push(line(status, STATUS_COLORS[status] || COLORS[found.length % COLORS.length]));
      foundData.push(counts);
    }
    if (found.length === 0) {
      found.push(line('none yet', '#6e7781'));
      foundData.push(x.map(() => 0));
    }
    draw('found', $('chart-found'), null, found, foundData);

    const box = $('chart-profit');
    const assets = a.profit.map((p) => p.start_asset);
    for (const key of Object.keys(charts)) {
      if (key.startsWith('profit:') && !assets.includes(key.slice(7))) {
        charts[key].plot.destroy();
        charts[key].el.remove();
        delete charts[key];
      }
    }
    let empty = box.querySelector('.chart-empty');
    if (a.profit.length === 0) {
      if (!empty) {
        empty = document.createElement('p');
        empty.className = 'chart-empty';
        box.appendChild(empty);
      }
      empty.textContent = 'No trades in this window.';
    } else if (empty) {
      empty.remove();
    }
    for (const p of a.profit) {
      const key = 'profit:' + p.start_asset;
      let el = charts[key] ? charts[key].el : null;
      if (!el) {
        el = document.createElement('div');
        el.className = 'chart';
        box.appendChild(el);
      }
      // drawn as numbers; the exact decimal strings are in /aggregate
      draw(key, el, p.start_asset + ' (' + p.trades + ' trades)',
        [line('expected', '#0550ae', [6, 4]), line('realized', '#116329')],
        [x, p.expected.map(Number), p.realized.map(Number)]);
    }

    draw('trades', $('chart-trades'), null,
      [line('executed', '#116329'), line('failed', '#bc4c00'), line('dead letters', '#a40e26')],
      [x, a.executed, a.failed, a.dead_letters]);
  }

  function aggregatePath() {
    const w = $('window').value;
    return '/aggregate' + (w ? '?since=' + encodeURIComponent(w) : '');
  }

  window.addEventListener('resize', () => {
    for (const c of Object.values(charts)) {
      c.plot.setSize({ width: chartWidth(c.el), height: c.plot.height });
    }
  });

  // ---------- controls ----------

  function token() {
    return sessionStorage.getItem(TOKEN_KEY) || '';
  }

  async function control(path, label) {
    const out = $('control-result');
    const t = token();
    if (!t) {
      out.className = 'error';
      out.textContent = 'Type the control token first.';
      return;
    }
    out.className = '';
    out.textContent = label + '…';
    try {
      const r = await fetch(path, {
        method: 'POST',
        cache: 'no-store',
        headers: { Authorization: 'Bearer ' + t },
      });
      let body = null;
      try {
        body = await r.json();
      } catch (e) {
        body = null;
      }
      if (r.ok) {
        out.className = 'success';
        out.textContent = label + ': ' + (body.changed ? 'done' : 'already so') +
          ' – now ' + body.state + (body.kill_switch ? ', kill switch on' : '');
        showStatus(await getJson('/status'));
      } else {
        const why = body && body.error ? body.error : r.statusText;
        out.className = 'error';
        out.textContent = label + ' refused: ' + r.status + ' ' + why +
          (r.status === 403 || r.status === 401 ? ' – check the control token' : '');
      }
    } catch (e) {
      out.className = 'error';
      out.textContent = label + ' failed: cannot reach the daemon (' + e.message + ')';
    }
  }

  function start() {
    const input = $('token');
    input.value = token();
    input.addEventListener('input', () => {
      if (input.value) sessionStorage.setItem(TOKEN_KEY, input.value);
      else sessionStorage.removeItem(TOKEN_KEY);
    });
    $('forget').addEventListener('click', () => {
      sessionStorage.removeItem(TOKEN_KEY);
      input.value = '';
      $('control-result').textContent = 'Token forgotten.';
    });
    $('pause').addEventListener('click', () => control('/pause', 'Pause'));
    $('resume').addEventListener('click', () => control('/resume', 'Resume'));
    $('kill-switch').addEventListener('click', () => control('/kill-switch', 'Kill switch'));
    $('window').addEventListener('change', () => {
      getJson(aggregatePath()).then(showCharts, (e) => problem(e.message));
    });

    every(STATUS_EVERY_MS, async () => showStatus(await getJson('/status')));
    every(OPPORTUNITIES_EVERY_MS, async () =>
      showOpportunities(await getJson('/opportunities?limit=' + OPPORTUNITIES_SHOWN)));
    every(AGGREGATE_EVERY_MS, async () => showCharts(await getJson(aggregatePath())));
  }

  start();
})();
