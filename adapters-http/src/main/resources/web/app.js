// DondeLoCompro web page: live search over server-sent events. Everything that comes from a store or a
// shopper is put on the page as text (textContent), never as HTML.
'use strict';

(() => {
  const $ = (id) => document.getElementById(id);
  const SVG = 'http://www.w3.org/2000/svg';
  const KIND_TEXT = {
    timeout: 'no respondió a tiempo',
    http_status: 'respondió con un error',
    blocked: 'su protección contra robots no nos dejó entrar',
    robots: 'su robots.txt no permite buscar ahí',
    parse: 'cambió su sitio y no pudimos leer los resultados',
    unreachable: 'su sitio no está disponible en este momento',
    busy: 'está ocupada; inténtalo de nuevo en un momento',
  };
  const EVENTS = ['started', 'vendor_started', 'product_found', 'vendor_completed', 'vendor_error', 'completed', 'error'];

  let current = null; // {id, source, offers: [], stores: Map, cheapestKey, finished}

  /** Makes an element; string children become text nodes, so nothing is ever parsed as HTML. */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'class') node.className = v;
      else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? '' : String(v));
    }
    for (const child of children) {
      if (child === null || child === undefined) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function money(amount, currency) {
    if (amount === null || amount === undefined) return '';
    const n = Number(amount);
    const code = currency || 'GTQ';
    try {
      return new Intl.NumberFormat('es-GT', { style: 'currency', currency: code }).format(n);
    } catch (e) {
      return code + ' ' + n.toFixed(2);
    }
  }

  /** Only http(s) links are followed: a store cannot smuggle in a javascript: URL. */
  function safeLink(url) {
    try {
      const u = new URL(url, location.href);
      return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
    } catch (e) {
      return null;
    }
  }

  /** Images from https or inline data only, as the page's Content-Security-Policy allows. */
  function safeImage(url) {
    if (!url) return null;
    if (url.startsWith('data:image/')) return url;
    try {
      const u = new URL(url, location.href);
      return u.protocol === 'https:' || u.origin === location.origin ? u.href : null;
    } catch (e) {
      return null;
    }
  }

  function offerKey(p) {
    return p.vendor_id + '|' + (p.vendor_product_id || p.url);
  }

  function isCandidate(p) {
    return p.availability !== 'out_of_stock' && Number(p.relevance) >= 0.5;
  }

  function showError(text) {
    const box = $('form-error');
    box.textContent = text;
    box.hidden = !text;
  }

  async function loadPopular() {
    try {
      const res = await fetch('/analytics/popular-searches?days=7&limit=8', { headers: { Accept: 'application/json' } });
      if (!res.ok) return;
      const popular = await res.json();
      const list = $('popular-list');
      list.replaceChildren();
      for (const p of popular) {
        list.append(el('button', { type: 'button', class: 'chip', 'data-query': p.query, onclick: () => startSearch(p.query) }, p.query));
      }
      $('popular').hidden = popular.length === 0;
    } catch (e) {
      // popular searches are a nicety; the page works without them
    }
  }

  async function startSearch(query) {
    showError('');
    const text = (query || '').trim();
    if (!text) {
      showError('Escribí qué querés buscar.');
      return;
    }
    $('query').value = text;
    if (current && current.source) current.source.close();
    $('search-button').disabled = true;
    try {
      const res = await fetch('/search', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ query: text }),
      });
      const body = await res.json().catch(() => ({}));
      if (!res.ok) {
        showError(res.status === 429 ? 'Demasiadas búsquedas seguidas; esperá un momento.' : (body.detail || 'No se pudo iniciar la búsqueda.'));
        return;
      }
      follow(body, text);
    } catch (e) {
      showError('No hay conexión con el servicio.');
    } finally {
      $('search-button').disabled = false;
    }
  }

  function follow(ticket, query) {
    current = { id: ticket.search_id, resultsUrl: ticket.results_url, offers: [], stores: new Map(), finished: false, cheapestKey: null };
    $('status').hidden = false;
    $('results').hidden = false;
    $('history').hidden = true;
    $('offers').replaceChildren();
    $('stores').replaceChildren();
    $('cheapest').hidden = true;
    $('no-offers').hidden = true;
    $('summary').textContent = 'Buscando «' + query + '» en las tiendas…';
    const cachedBox = $('cached');
    cachedBox.hidden = !ticket.cached;
    if (ticket.cached) {
      cachedBox.textContent = 'Resultado guardado de una búsqueda reciente.';
      showCacheAge(ticket.results_url);
    }
    const search = current;
    const source = new EventSource(ticket.sse_url);
    search.source = source;
    for (const name of EVENTS) {
      source.addEventListener(name, (e) => {
        if (current !== search) return;
        let data = {};
        try { data = JSON.parse(e.data); } catch (err) { return; }
        handle(search, name, data);
      });
    }
    source.onerror = () => {
      if (search.finished || current !== search) {
        source.close();
      }
    };
  }

  async function showCacheAge(resultsUrl) {
    try {
      const res = await fetch(resultsUrl, { headers: { Accept: 'application/json' } });
      if (!res.ok) return;
      const r = await res.json();
      const seconds = r.cache_age_seconds;
      if (seconds === undefined || seconds === null) return;
      const minutes = Math.round(Number(seconds) / 60);
      $('cached').textContent = 'Resultado guardado de una búsqueda de hace '
        + (minutes < 1 ? 'menos de un minuto' : minutes === 1 ? '1 minuto' : minutes + ' minutos') + '.';
    } catch (e) {
      // the plain "cached" label stays
    }
  }

  function storeRow(search, id, name) {
    let row = search.stores.get(id);
    if (!row) {
      const nameNode = el('span', { class: 'store-name' }, name || id);
      const stateNode = el('span', { class: 'store-state' }, 'esperando…');
      const li = el('li', { class: 'store waiting', 'data-store': id }, nameNode, stateNode);
      row = { li, nameNode, stateNode, name: name || id };
      search.stores.set(id, row);
      $('stores').append(li);
    } else if (name) {
      row.name = name;
      row.nameNode.textContent = name;
    }
    return row;
  }

  function setStoreState(row, cls, text) {
    row.li.className = 'store ' + cls;
    row.stateNode.textContent = text;
  }

  function handle(search, name, data) {
    switch (name) {
      case 'started':
        for (const id of data.vendors || []) storeRow(search, id);
        break;
      case 'vendor_started':
        storeRow(search, data.vendor_id, data.vendor_name);
        break;
      case 'product_found':
        search.offers.push(data.product);
        render(search);
        break;
      case 'vendor_completed': {
        const n = data.products_found;
        setStoreState(storeRow(search, data.vendor_id), 'answered', n === 1 ? '1 oferta' : n + ' ofertas');
        break;
      }
      case 'vendor_error': {
        const row = storeRow(search, data.vendor_id);
        const reason = KIND_TEXT[data.kind] || 'falló';
        setStoreState(row, data.kind === 'robots' ? 'robots' : 'failed',
          (data.kind === 'robots' ? 'omitida: ' : 'falló: ') + reason);
        row.li.title = data.error || '';
        break;
      }
      case 'completed':
        search.finished = true;
        search.source.close();
        search.cheapestKey = data.cheapest ? offerKey(data.cheapest) : null;
        $('summary').textContent = data.total_results === 1 ? 'Listo: 1 oferta.' : 'Listo: ' + data.total_results + ' ofertas.';
        render(search);
        $('no-offers').hidden = search.offers.length > 0;
        loadPopular();
        break;
      case 'error':
        search.finished = true;
        search.source.close();
        $('summary').textContent = 'La búsqueda falló: ' + (data.error || 'error desconocido');
        break;
      default:
        break;
    }
  }

  function liveCheapestKey(offers) {
    let best = null;
    for (const p of offers) {
      if (!isCandidate(p)) continue;
      if (best === null || Number(p.price) < Number(best.price)) best = p;
    }
    return best ? offerKey(best) : null;
  }

  function sorted(offers) {
    const by = $('sort').value;
    const copy = offers.slice();
    const price = (p) => Number(p.price);
    if (by === 'price-desc') copy.sort((a, b) => price(b) - price(a));
    else if (by === 'relevance') copy.sort((a, b) => Number(b.relevance) - Number(a.relevance) || price(a) - price(b));
    else if (by === 'store') copy.sort((a, b) => String(a.vendor_name).localeCompare(String(b.vendor_name), 'es') || price(a) - price(b));
    else copy.sort((a, b) => price(a) - price(b));
    return copy;
  }

  function render(search) {
    const cheapestKey = search.finished ? search.cheapestKey : liveCheapestKey(search.offers);
    const list = $('offers');
    list.replaceChildren(...sorted(search.offers).map((p) => offerItem(search, p, offerKey(p) === cheapestKey)));
    const cheapest = search.offers.find((p) => offerKey(p) === cheapestKey);
    const box = $('cheapest');
    box.hidden = !cheapest;
    if (cheapest) {
      box.textContent = 'Más barato: ' + cheapest.name + ' en ' + cheapest.vendor_name + ' a ' + money(cheapest.price, cheapest.currency);
    }
  }

  function offerItem(search, p, isCheapest) {
    const image = safeImage(p.image_url);
    const link = safeLink(p.url);
    const availabilityText = { in_stock: 'disponible', out_of_stock: 'agotado', unknown: 'disponibilidad sin confirmar' }[p.availability] || '';
    return el('li', { class: 'offer' + (isCheapest ? ' is-cheapest' : ''), 'data-vendor': p.vendor_id },
      image ? el('img', { src: image, alt: '', loading: 'lazy', referrerpolicy: 'no-referrer' }) : el('div', { class: 'no-image' }),
      el('div', { class: 'offer-body' },
        el('div', { class: 'offer-name' }, p.name),
        el('div', { class: 'offer-meta' },
          p.vendor_name, p.brand ? ' · ' + p.brand : '', ' · ',
          el('span', { class: 'availability ' + p.availability }, availabilityText)),
        el('div', { class: 'offer-actions' },
          link ? el('a', { href: link, target: '_blank', rel: 'noopener noreferrer' }, 'Ver en la tienda') : null,
          el('button', { type: 'button', class: 'link history-button', onclick: () => openHistory(search, p) }, 'Historial de precios'))),
      el('div', { class: 'offer-price' },
        isCheapest ? el('span', { class: 'badge' }, 'Más barato') : null,
        el('span', { class: 'price' }, money(p.price, p.currency)),
        p.list_price !== null && p.list_price !== undefined && Number(p.list_price) > Number(p.price)
          ? el('span', { class: 'list-price' }, money(p.list_price, p.currency)) : null));
  }

  async function productId(search, p, attempts) {
    for (let i = 0; i < attempts; i++) {
      const res = await fetch(search.resultsUrl, { headers: { Accept: 'application/json' } });
      if (res.ok) {
        const r = await res.json();
        const match = (r.products || []).find((q) => offerKey(q) === offerKey(p));
        if (match && match.product_id !== null && match.product_id !== undefined) return match.product_id;
      }
      // the search is saved in the background a moment after it completes
      await new Promise((resolve) => setTimeout(resolve, 700));
    }
    return null;
  }

  async function openHistory(search, p) {
    const section = $('history');
    section.hidden = false;
    $('history-title').textContent = 'Historial de precios: ' + p.name;
    $('history-message').textContent = 'Cargando…';
    $('history-chart').replaceChildren();
    $('history-figures').hidden = true;
    section.scrollIntoView({ behavior: 'smooth', block: 'nearest' });
    try {
      const id = await productId(search, p, 8);
      if (id === null) {
        $('history-message').textContent = 'Este producto todavía no tiene historial guardado.';
        return;
      }
      const res = await fetch('/products/' + encodeURIComponent(id) + '/price-history?days=30', { headers: { Accept: 'application/json' } });
      if (!res.ok) {
        $('history-message').textContent = 'No se pudo cargar el historial.';
        return;
      }
      drawHistory(await res.json());
    } catch (e) {
      $('history-message').textContent = 'No se pudo cargar el historial.';
    }
  }

  function drawHistory(h) {
    const obs = h.observations || [];
    const currency = obs.length ? obs[0].currency : 'GTQ';
    $('history-message').textContent = obs.length === 1
      ? 'Un precio registrado en los últimos ' + h.days + ' días.'
      : obs.length + ' precios registrados en los últimos ' + h.days + ' días.';
    $('history-min').textContent = money(h.min, currency);
    $('history-max').textContent = money(h.max, currency);
    $('history-current').textContent = money(h.current, currency);
    const change = Number(h.change || 0);
    $('history-change').textContent = (change > 0 ? '+' : '') + money(change, currency).replace('-', '−');
    $('history-figures').hidden = obs.length === 0;
    if (obs.length === 0) return;

    const w = 600, ht = 160, pad = 28;
    const times = obs.map((o) => Date.parse(o.scraped_at));
    const prices = obs.map((o) => Number(o.price));
    const t0 = Math.min(...times), t1 = Math.max(...times);
    const p0 = Math.min(...prices), p1 = Math.max(...prices);
    const x = (t) => (t1 === t0 ? w / 2 : pad + ((t - t0) / (t1 - t0)) * (w - 2 * pad));
    const y = (v) => (p1 === p0 ? ht / 2 : ht - pad - ((v - p0) / (p1 - p0)) * (ht - 2 * pad));
    const svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('viewBox', '0 0 ' + w + ' ' + ht);
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', 'Gráfica del precio en el tiempo');
    const axis = document.createElementNS(SVG, 'line');
    axis.setAttribute('class', 'axis');
    axis.setAttribute('x1', pad); axis.setAttribute('x2', w - pad);
    axis.setAttribute('y1', ht - pad); axis.setAttribute('y2', ht - pad);
    svg.append(axis);
    const line = document.createElementNS(SVG, 'polyline');
    line.setAttribute('class', 'line');
    line.setAttribute('points', obs.map((o, i) => x(times[i]).toFixed(1) + ',' + y(prices[i]).toFixed(1)).join(' '));
    svg.append(line);
    obs.forEach((o, i) => {
      const dot = document.createElementNS(SVG, 'circle');
      dot.setAttribute('class', 'dot');
      dot.setAttribute('cx', x(times[i]).toFixed(1));
      dot.setAttribute('cy', y(prices[i]).toFixed(1));
      dot.setAttribute('r', '3');
      const title = document.createElementNS(SVG, 'title');
      title.textContent = money(prices[i], o.currency) + ' — ' + new Date(times[i]).toLocaleString('es-GT');
      dot.append(title);
      svg.append(dot);
    });
    for (const [v, label] of [[p1, money(p1, currency)], [p0, money(p0, currency)]]) {
      const t = document.createElementNS(SVG, 'text');
      t.setAttribute('class', 'label');
      t.setAttribute('x', '2');
      t.setAttribute('y', (y(v) - 4).toFixed(1));
      t.textContent = label;
      svg.append(t);
    }
    $('history-chart').replaceChildren(svg);
  }

  document.addEventListener('DOMContentLoaded', () => {
    $('search-form').addEventListener('submit', (e) => {
      e.preventDefault();
      startSearch($('query').value);
    });
    $('sort').addEventListener('change', () => current && render(current));
    $('history-close').addEventListener('click', () => { $('history').hidden = true; });
    const q = new URLSearchParams(location.search).get('q');
    loadPopular();
    if (q) startSearch(q);
  });
})();
