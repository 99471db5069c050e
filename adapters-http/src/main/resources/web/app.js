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

  let current = null; // the search on the page (see follow)

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
    if (current && current.refreshSource) current.refreshSource.close();
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
    // offers: the live ones, as they arrive; view: the service's answer once the search completed (products,
    // groups, cheapest), re-read with the shopper's filters
    current = {
      id: ticket.search_id, resultsUrl: ticket.results_url, offers: [], stores: new Map(), finished: false,
      cheapestKey: null, view: null, facets: null, vendorNames: new Map(), open: new Set(), filterSeq: 0,
      query, refresh: ticket.stale ? ticket.refresh_search_id : null, refreshSource: null,
    };
    $('status').hidden = false;
    $('results').hidden = false;
    $('history').hidden = true;
    $('offers').replaceChildren();
    $('stores').replaceChildren();
    $('stores-box').open = false;
    $('filters-box').hidden = true;
    $('filters').reset();
    $('filter-error').hidden = true;
    $('cheapest').hidden = true;
    $('no-offers').hidden = true;
    $('summary').textContent = 'Buscando «' + query + '» en las tiendas…';
    updateProgress(current);
    const cachedBox = $('cached');
    cachedBox.hidden = !ticket.cached && !ticket.refreshed;
    if (ticket.stale) {
      // old prices at once; the refresh asking the stores replaces them when it completes (watchRefresh)
      cachedBox.textContent = 'precios de hace ' + minutesText(ticket.cache_age_seconds) + ', actualizando…';
    } else if (ticket.cached) {
      cachedBox.textContent = 'Resultado guardado de una búsqueda reciente.';
      showCacheAge(ticket.results_url);
    } else if (ticket.refreshed) {
      cachedBox.textContent = 'Precios actualizados.';
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

  function minutesText(seconds) {
    const minutes = Math.round(Number(seconds || 0) / 60);
    return minutes < 1 ? 'menos de un minuto' : minutes === 1 ? '1 minuto' : minutes + ' minutos';
  }

  /**
   * Follows the search refreshing a stale answer (it runs on the server whether or not anyone follows it); once it
   * completed, the page shows it instead, replayed whole from its log.
   */
  function watchRefresh(stale) {
    const id = encodeURIComponent(stale.refresh);
    const ticket = { search_id: stale.refresh, sse_url: '/search/' + id + '/events', results_url: '/search/' + id + '/results', refreshed: true };
    const source = new EventSource(ticket.sse_url);
    stale.refreshSource = source;
    source.addEventListener('completed', () => {
      source.close();
      if (current === stale) follow(ticket, stale.query);
    });
    source.addEventListener('error', (e) => {
      // a server-sent `error` event carries data (the refresh failed); a dropped connection does not
      if (e.data === undefined && source.readyState !== EventSource.CLOSED) return;
      source.close();
      if (current === stale) {
        $('cached').textContent = $('cached').textContent.replace(', actualizando…', '; no se pudieron actualizar.');
      }
    });
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
      row = { li, nameNode, stateNode, name: name || id, state: 'waiting' };
      search.stores.set(id, row);
      $('stores').append(li);
      updateProgress(search);
    } else if (name) {
      row.name = name;
      row.nameNode.textContent = name;
    }
    if (name) search.vendorNames.set(id, name);
    return row;
  }

  function setStoreState(search, row, state, text) {
    row.state = state;
    row.li.className = 'store ' + state;
    row.stateNode.textContent = text;
    updateProgress(search);
  }

  /** The stores' progress in one line ("3 de 5 tiendas respondieron · 1 falló"); the cards open below it. */
  function updateProgress(search) {
    const rows = [...search.stores.values()];
    const count = (state) => rows.filter((r) => r.state === state).length;
    const answered = count('answered'), failed = count('failed'), skipped = count('robots'), waiting = count('waiting');
    if (rows.length === 0) {
      $('progress').textContent = 'Consultando las tiendas…';
      return;
    }
    const parts = [answered + ' de ' + rows.length + ' tiendas ' + (answered === 1 ? 'respondió' : 'respondieron')];
    if (failed) parts.push(failed === 1 ? '1 falló' : failed + ' fallaron');
    if (skipped) parts.push(skipped === 1 ? '1 omitida' : skipped + ' omitidas');
    if (waiting && !search.finished) parts.push('esperando ' + waiting);
    $('progress').textContent = parts.join(' · ');
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
        if (data.product && data.product.vendor_name) search.vendorNames.set(data.product.vendor_id, data.product.vendor_name);
        render(search);
        break;
      case 'vendor_completed': {
        const n = data.products_found;
        setStoreState(search, storeRow(search, data.vendor_id), 'answered', n === 1 ? '1 oferta' : n + ' ofertas');
        break;
      }
      case 'vendor_error': {
        const row = storeRow(search, data.vendor_id);
        const reason = KIND_TEXT[data.kind] || 'falló';
        setStoreState(search, row, data.kind === 'robots' ? 'robots' : 'failed',
          (data.kind === 'robots' ? 'omitida: ' : 'falló: ') + reason);
        row.li.title = data.error || '';
        break;
      }
      case 'completed':
        search.finished = true;
        search.source.close();
        search.cheapestKey = data.cheapest ? offerKey(data.cheapest) : null;
        updateProgress(search);
        completed(search, data);
        if (search.refresh && !search.refreshSource) watchRefresh(search);
        break;
      case 'error':
        search.finished = true;
        search.source.close();
        updateProgress(search);
        $('summary').textContent = 'La búsqueda falló: ' + (data.error || 'error desconocido');
        break;
      default:
        break;
    }
  }

  /** After `completed`: the service's groups and facets replace the live grouping. */
  async function completed(search, data) {
    try {
      const r = await fetchResults(search, new URLSearchParams());
      if (current !== search) return;
      search.view = { products: r.products || [], groups: r.groups || [], cheapest: r.cheapest };
      search.facets = r.facets || null;
      for (const v of r.vendors || []) if (v.vendor_name) search.vendorNames.set(v.vendor_id, v.vendor_name);
      showFacets(search);
    } catch (e) {
      // the live offers stay on the page, grouped as they arrived
    }
    if (current !== search) return;
    render(search);
    $('summary').textContent = data.total_results === 1 ? 'Listo: 1 oferta.' : 'Listo: ' + data.total_results + ' ofertas.';
    $('no-offers').hidden = search.offers.length > 0 || (search.view !== null && search.view.products.length > 0);
    loadPopular();
  }

  async function fetchResults(search, params) {
    const query = params.toString();
    const res = await fetch(search.resultsUrl + (query ? '?' + query : ''), { headers: { Accept: 'application/json' } });
    const body = await res.json().catch(() => ({}));
    if (!res.ok) {
      const error = new Error(body.detail || 'HTTP ' + res.status);
      error.problem = body;
      throw error;
    }
    return body;
  }

  // ---- facet filters: brand, category, price and stock are the service's (the results are read again with
  // them); the store is filtered here, from the facets' stores, since the service takes no store filter

  function options(select, all, values, label) {
    select.replaceChildren(el('option', { value: '' }, all),
      ...values.map((f) => el('option', { value: f.value }, (label ? label(f.value) : f.value) + ' (' + f.count + ')')));
  }

  function showFacets(search) {
    const f = search.facets;
    if (!f) return;
    options($('filter-brand'), 'Todas las marcas', f.brands || []);
    options($('filter-category'), 'Todas las categorías', f.categories || []);
    $('filter-category-label').hidden = !(f.categories && f.categories.length);
    options($('filter-vendor'), 'Todas las tiendas', f.vendors || [], (id) => search.vendorNames.get(id) || id);
    const price = f.price || {};
    $('filter-min').placeholder = price.min !== undefined && price.min !== null ? 'desde ' + Number(price.min).toFixed(2) : 'desde';
    $('filter-max').placeholder = price.max !== undefined && price.max !== null ? 'hasta ' + Number(price.max).toFixed(2) : 'hasta';
    $('filters-box').hidden = !(search.view && search.view.products.length);
    updateFiltersSummary(search);
  }

  function serverFilters() {
    const params = new URLSearchParams();
    const brand = $('filter-brand').value, category = $('filter-category').value;
    const min = $('filter-min').value.trim(), max = $('filter-max').value.trim();
    if (brand) params.set('brand', brand);
    if (category) params.set('category', category);
    if (min) params.set('min_price', min);
    if (max) params.set('max_price', max);
    if ($('filter-in-stock').checked) params.set('in_stock', 'true');
    return params;
  }

  function updateFiltersSummary(search) {
    const active = [...serverFilters().keys()].length + ($('filter-vendor').value ? 1 : 0);
    let text = 'Filtrar por marca, tienda, precio';
    if (active) {
      const shown = units(search).reduce((n, u) => n + u.offers.length, 0);
      text = 'Filtros: ' + active + (active === 1 ? ' activo' : ' activos') + ' · ' + shown + (shown === 1 ? ' oferta' : ' ofertas');
    }
    $('filters-summary').textContent = text;
  }

  async function applyFilters(search) {
    if (!search || !search.view) return;
    const seq = ++search.filterSeq;
    const box = $('filter-error');
    try {
      const r = await fetchResults(search, serverFilters());
      if (current !== search || seq !== search.filterSeq) return;
      box.hidden = true;
      search.view = { products: r.products || [], groups: r.groups || [], cheapest: r.cheapest };
      render(search);
      $('no-offers').hidden = units(search).length > 0;
    } catch (e) {
      if (current !== search || seq !== search.filterSeq) return;
      const field = e.problem && e.problem.field;
      box.textContent = field === 'min_price' || field === 'max_price'
        ? 'Revisá el rango de precios: ' + (e.problem.detail || 'valor no válido')
        : 'No se pudieron aplicar los filtros.';
      box.hidden = false;
    }
  }

  // ---- offers grouped by product

  /**
   * The offers as groups of one product across stores: the service's groups (in its order: relevance, then
   * price) once the search completed; while it runs, offers sharing a `match_key`, by relevance then price.
   */
  function units(search) {
    let list;
    if (search.view) {
      const products = search.view.products;
      const used = new Set();
      list = search.view.groups.map((g) => {
        const offers = (g.offers || []).map((i) => products[i]).filter(Boolean);
        (g.offers || []).forEach((i) => used.add(i));
        return { id: g.group_id, catalogProductId: g.catalog_product_id, name: g.name, offers };
      });
      products.forEach((p, i) => {
        if (!used.has(i)) list.push({ id: 'offer:' + offerKey(p), catalogProductId: null, name: p.name, offers: [p] });
      });
    } else {
      const byKey = new Map();
      list = [];
      for (const p of search.offers) {
        let u = p.match_key ? byKey.get(p.match_key) : null;
        if (!u) {
          u = { id: p.match_key || 'offer:' + offerKey(p), catalogProductId: null, name: p.name, offers: [], live: true };
          if (p.match_key) byKey.set(p.match_key, u);
          list.push(u);
        }
        u.offers.push(p);
      }
      const relevance = (u) => Math.max(...u.offers.map((p) => Number(p.relevance) || 0));
      list.sort((a, b) => relevance(b) - relevance(a) || summarize(a.offers).min - summarize(b.offers).min);
    }
    const vendor = $('filter-vendor').value;
    if (vendor && search.view) {
      list = list.map((u) => ({ ...u, offers: u.offers.filter((p) => p.vendor_id === vendor) })).filter((u) => u.offers.length);
    }
    return list;
  }

  /** Cheapest, range and saving of a group, counting the offers not out of stock (all when every one is). */
  function summarize(offers) {
    const inStock = offers.filter((p) => p.availability !== 'out_of_stock');
    const pool = inStock.length ? inStock : offers;
    const prices = pool.map((p) => Number(p.price));
    const min = Math.min(...prices), max = Math.max(...prices);
    return { min, max, saving: max - min, currency: pool[0].currency, stores: new Set(offers.map((p) => p.vendor_id)).size };
  }

  /** Within a group: the offers one can buy, cheapest first, then those out of stock. */
  function cheapestFirst(offers) {
    const out = (p) => (p.availability === 'out_of_stock' ? 1 : 0);
    return offers.slice().sort((a, b) => out(a) - out(b) || Number(a.price) - Number(b.price));
  }

  /** As the service picks it: the cheapest candidate offer of the most relevant group that has one. */
  function cheapestKeyOf(list) {
    for (const u of list) {
      const best = cheapestFirst(u.offers.filter(isCandidate))[0];
      if (best) return offerKey(best);
    }
    return null;
  }

  function sortedOffers(offers) {
    const by = $('sort').value;
    const copy = offers.slice();
    const price = (p) => Number(p.price);
    if (by === 'price-desc') copy.sort((a, b) => price(b) - price(a));
    else if (by === 'price-asc') copy.sort((a, b) => price(a) - price(b));
    else if (by === 'store') copy.sort((a, b) => String(a.vendor_name).localeCompare(String(b.vendor_name), 'es') || price(a) - price(b));
    else copy.sort((a, b) => Number(b.relevance) - Number(a.relevance) || price(a) - price(b));
    return copy;
  }

  function sortedUnits(list) {
    const by = $('sort').value;
    const copy = list.slice();
    const s = new Map(copy.map((u) => [u, summarize(u.offers)]));
    const storeName = (u) => String(cheapestFirst(u.offers)[0].vendor_name);
    if (by === 'price-asc') copy.sort((a, b) => s.get(a).min - s.get(b).min);
    else if (by === 'price-desc') copy.sort((a, b) => s.get(b).max - s.get(a).max);
    else if (by === 'store') copy.sort((a, b) => storeName(a).localeCompare(storeName(b), 'es') || s.get(a).min - s.get(b).min);
    return copy; // relevance: the order units() gives
  }

  function render(search) {
    const list = units(search);
    const vendorFiltered = Boolean($('filter-vendor').value) && search.view;
    const cheapestKey = search.view && !vendorFiltered
      ? (search.view.cheapest ? offerKey(search.view.cheapest) : null)
      : cheapestKeyOf(list);
    const all = list.flatMap((u) => u.offers);
    const items = $('grouped').checked
      ? sortedUnits(list).map((u) => unitItem(search, u, cheapestKey))
      : sortedOffers(all).map((p) => offerItem(search, p, offerKey(p) === cheapestKey));
    $('offers').replaceChildren(...items);
    const cheapest = all.find((p) => offerKey(p) === cheapestKey);
    const box = $('cheapest');
    box.hidden = !cheapest;
    if (cheapest) {
      box.textContent = 'Más barato: ' + cheapest.name + ' en ' + cheapest.vendor_name + ' a ' + money(cheapest.price, cheapest.currency);
    }
    if (search.view) updateFiltersSummary(search);
  }

  function unitItem(search, u, cheapestKey) {
    const offers = cheapestFirst(u.offers);
    const card = (p) => offerItem(search, p, offerKey(p) === cheapestKey);
    const item = el('li', { class: 'group' + (offers.length === 1 ? ' single' : ''), 'data-group-id': u.id });
    if (offers.length === 1) {
      item.append(el('ol', { class: 'group-offers' }, card(offers[0])));
      return item;
    }
    const s = summarize(offers);
    item.setAttribute('data-stores', String(s.stores));
    item.append(
      el('p', { class: 'group-line' },
        el('span', { class: 'group-name' }, u.name),
        ' — ', el('span', { class: 'group-stores' }, 'en ' + s.stores + (s.stores === 1 ? ' tienda' : ' tiendas')),
        ' — ', el('span', { class: 'group-price' }, 'desde ' + money(s.min, s.currency)),
        s.saving > 0.005 ? el('span', { class: 'group-saving' }, ', ahorras ' + money(s.saving, s.currency)) : null),
      el('ol', { class: 'group-offers' }, card(offers[0])));
    const rest = offers.length - 1;
    const more = el('details', { class: 'group-more', open: search.open.has(u.id) },
      el('summary', {}, rest === 1 ? 'Ver la otra oferta' : 'Ver las otras ' + rest + ' ofertas'),
      el('ol', { class: 'group-offers' }, ...offers.slice(1).map(card)));
    more.addEventListener('toggle', () => (more.open ? search.open.add(u.id) : search.open.delete(u.id)));
    item.append(more);
    if (!u.live) {
      item.append(el('div', { class: 'group-actions' },
        el('button', { type: 'button', class: 'link group-history', onclick: () => openCatalogHistory(search, u) },
          'Historial en todas las tiendas')));
    }
    return item;
  }

  function offerItem(search, p, isCheapest) {
    const image = safeImage(p.image_url);
    const link = safeLink(p.url);
    const availabilityText = { in_stock: 'disponible', out_of_stock: 'agotado', unknown: 'disponibilidad sin confirmar' }[p.availability] || '';
    return el('li', { class: 'offer' + (isCheapest ? ' is-cheapest' : ''), 'data-vendor': p.vendor_id, 'data-price': p.price },
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

  // ---- price history: one store's product, or one catalog product at every store

  /** Reads the results again until `pick` finds what the recording adds (it is saved a moment after completing). */
  async function afterRecording(search, pick, attempts) {
    for (let i = 0; i < attempts; i++) {
      const res = await fetch(search.resultsUrl, { headers: { Accept: 'application/json' } });
      if (res.ok) {
        const found = pick(await res.json());
        if (found !== null && found !== undefined) return found;
      }
      await new Promise((resolve) => setTimeout(resolve, 700));
    }
    return null;
  }

  // ---- "Avísame cuando baje": an alert on the product (or group) whose history is open

  let alertTarget = null;

  function showAlertForm(target) {
    alertTarget = target;
    $('alert-form').hidden = false;
    $('alert-done').hidden = true;
    $('alert-error').hidden = true;
  }

  function alertRequest() {
    const rule = document.querySelector('input[name="alert-rule"]:checked').value;
    const channel = document.querySelector('input[name="alert-channel"]:checked').value;
    const body = { target: alertTarget, rule: {}, channel: {} };
    if (rule === 'below_price') {
      const price = Number($('alert-price').value);
      if (!(price > 0)) return { error: 'Escribe el precio al que quieres que te avisemos.' };
      body.rule.below_price = Math.round(price * 100) / 100;
    } else {
      const percent = Number($('alert-percent').value);
      if (!(percent >= 1 && percent <= 99)) return { error: 'Escribe un porcentaje entre 1 y 99.' };
      body.rule.drop_percent = Math.round(percent);
    }
    if (channel === 'email') {
      const email = $('alert-email').value.trim();
      if (!email.includes('@')) return { error: 'Escribe tu correo.' };
      body.channel.email = email;
    } else {
      const topic = $('alert-ntfy').value.trim();
      if (!topic) return { error: 'Escribe tu tema de ntfy.' };
      body.channel.ntfy = /^https?:\/\//.test(topic) ? topic : 'https://ntfy.sh/' + encodeURIComponent(topic);
    }
    return { body };
  }

  async function createAlert(event) {
    event.preventDefault();
    const error = $('alert-error');
    error.hidden = true;
    const req = alertRequest();
    if (req.error) {
      error.textContent = req.error;
      error.hidden = false;
      return;
    }
    try {
      const res = await fetch('/alerts', {
        method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(req.body),
      });
      const answer = await res.json();
      if (!res.ok) {
        error.textContent = res.status === 429 ? 'Demasiadas alertas seguidas; espera un momento.'
          : res.status === 409 ? 'Ya tienes el máximo de alertas para este producto.'
            : 'No se pudo crear la alerta: ' + (answer.detail || res.status);
        error.hidden = false;
        return;
      }
      $('alert-form').hidden = true;
      $('alert-done-text').textContent = answer.status === 'pending_confirmation'
        ? 'Listo. Te enviamos un correo: abre su enlace para confirmar la alerta.'
        : 'Listo. Te avisaremos cuando baje.';
      const manage = safeLink(answer.manage_url);
      if (manage) $('alert-manage').setAttribute('href', manage);
      $('alert-done').hidden = false;
    } catch (e) {
      error.textContent = 'No se pudo crear la alerta.';
      error.hidden = false;
    }
  }

  function openPanel(title) {
    $('alert-form').hidden = true;
    $('alert-done').hidden = true;
    const section = $('history');
    section.hidden = false;
    $('history-title').textContent = title;
    $('history-message').textContent = 'Cargando…';
    $('history-chart').replaceChildren();
    $('history-legend').hidden = true;
    $('history-figures').hidden = true;
    section.scrollIntoView({ behavior: 'smooth', block: 'nearest' });
  }

  async function loadHistory(id, url, draw, target) {
    try {
      const found = await id();
      if (found === null) {
        $('history-message').textContent = 'Este producto todavía no tiene historial guardado.';
        return;
      }
      if (target) showAlertForm(target(found));
      const res = await fetch(url(found), { headers: { Accept: 'application/json' } });
      if (!res.ok) {
        $('history-message').textContent = 'No se pudo cargar el historial.';
        return;
      }
      draw(await res.json());
    } catch (e) {
      $('history-message').textContent = 'No se pudo cargar el historial.';
    }
  }

  function openHistory(search, p) {
    openPanel('Historial de precios: ' + p.name);
    loadHistory(
      () => afterRecording(search, (r) => {
        const match = (r.products || []).find((q) => offerKey(q) === offerKey(p));
        return match ? match.product_id : null;
      }, 8),
      (id) => '/products/' + encodeURIComponent(id) + '/price-history?days=30',
      (h) => drawProductHistory(h, p),
      (id) => ({ product_id: Number(id) }));
  }

  function openCatalogHistory(search, u) {
    openPanel('Historial en todas las tiendas: ' + u.name);
    loadHistory(
      () => (u.catalogProductId !== null && u.catalogProductId !== undefined
        ? Promise.resolve(u.catalogProductId)
        : afterRecording(search, (r) => {
          const g = (r.groups || []).find((q) => q.group_id === u.id);
          return g ? g.catalog_product_id : null;
        }, 8)),
      (id) => '/catalog-products/' + encodeURIComponent(id) + '/price-history?days=30',
      (h) => drawCatalogHistory(h, search),
      (id) => ({ catalog_product_id: Number(id) }));
  }

  function drawProductHistory(h, p) {
    const obs = h.observations || [];
    const currency = obs.length ? obs[0].currency : 'GTQ';
    $('history-message').textContent = obs.length === 1
      ? 'Un precio registrado en los últimos ' + h.days + ' días.'
      : obs.length + ' precios registrados en los últimos ' + h.days + ' días.';
    const change = Number(h.change || 0);
    showFigures(h, currency, 'Actual', money(h.current, currency),
      (change > 0 ? '+' : '') + money(change, currency).replace('-', '−'));
    $('history-figures').hidden = obs.length === 0;
    drawChart([{ id: p.vendor_id, label: p.vendor_name, observations: obs }]);
  }

  function drawCatalogHistory(h, search) {
    const stores = (h.stores || []).filter((s) => (s.observations || []).length);
    const count = stores.reduce((n, s) => n + s.observations.length, 0);
    const first = stores.length ? stores[0].observations[0] : null;
    const currency = first ? first.currency : 'GTQ';
    const name = (id) => search.vendorNames.get(id) || id;
    $('history-message').textContent = (stores.length === 1 ? '1 tienda' : stores.length + ' tiendas') + ', '
      + (count === 1 ? 'un precio registrado' : count + ' precios registrados') + ' en los últimos ' + h.days + ' días.';
    const best = h.current_best;
    showFigures(h, currency, 'Mejor precio actual', best ? money(best.price, currency) + ' en ' + name(best.vendor_id) : '—', null);
    $('history-figures').hidden = count === 0;
    const series = stores.map((s) => ({ id: s.vendor_id, label: name(s.vendor_id), observations: s.observations }));
    drawChart(series);
    const legend = $('history-legend');
    legend.replaceChildren(...series.map((s, i) => {
      const last = s.observations.slice().sort((a, b) => Date.parse(a.scraped_at) - Date.parse(b.scraped_at)).pop();
      return el('li', { class: 'series-' + (i % SERIES_STYLES), 'data-vendor': s.id },
        swatch(), el('span', { class: 'legend-name' }, s.label), ' ', el('span', { class: 'legend-price' }, money(last.price, last.currency)));
    }));
    legend.hidden = series.length === 0;
  }

  function showFigures(h, currency, currentLabel, currentText, changeText) {
    $('history-min').textContent = money(h.min, currency);
    $('history-max').textContent = money(h.max, currency);
    $('history-current-label').textContent = currentLabel;
    $('history-current').textContent = currentText;
    $('history-change-box').hidden = changeText === null;
    $('history-change').textContent = changeText || '';
  }

  const SERIES_STYLES = 8; // colours and dashes in app.css (.series-0 … .series-7)

  function svgEl(tag, attrs, text) {
    const node = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function swatch() {
    const svg = svgEl('svg', { class: 'swatch', viewBox: '0 0 28 10', width: 28, height: 10, 'aria-hidden': 'true' });
    svg.append(svgEl('line', { class: 'line', x1: 1, x2: 27, y1: 5, y2: 5 }));
    return svg;
  }

  /**
   * One line per series (a store) over a shared time and price scale, drawn at the box's own width so that
   * the labels keep their size on a phone.
   */
  function drawChart(series) {
    const box = $('history-chart');
    const all = series.flatMap((s) => s.observations.map((o) => ({ t: Date.parse(o.scraped_at), v: Number(o.price), c: o.currency })));
    if (all.length === 0) {
      box.replaceChildren();
      return;
    }
    const w = Math.max(260, Math.round(box.clientWidth || 600)), ht = 200;
    const left = 8, right = 8, top = 24, bottom = 26;
    const t0 = Math.min(...all.map((o) => o.t)), t1 = Math.max(...all.map((o) => o.t));
    const p0 = Math.min(...all.map((o) => o.v)), p1 = Math.max(...all.map((o) => o.v));
    const x = (t) => (t1 === t0 ? w / 2 : left + ((t - t0) / (t1 - t0)) * (w - left - right));
    const y = (v) => (p1 === p0 ? (top + ht - bottom) / 2 : top + ((p1 - v) / (p1 - p0)) * (ht - top - bottom));
    const svg = svgEl('svg', { viewBox: '0 0 ' + w + ' ' + ht, width: w, height: ht, role: 'img',
      'aria-label': series.length > 1 ? 'Gráfica del precio en el tiempo, una línea por tienda' : 'Gráfica del precio en el tiempo' });
    const currency = all[0].c;
    for (const v of p1 === p0 ? [p1] : [p1, p0]) {
      svg.append(svgEl('line', { class: 'axis', x1: left, x2: w - right, y1: y(v).toFixed(1), y2: y(v).toFixed(1) }));
      svg.append(svgEl('text', { class: 'label', x: left, y: (y(v) - 5).toFixed(1) }, money(v, currency)));
    }
    const day = (t) => new Date(t).toLocaleDateString('es-GT', { day: 'numeric', month: 'short' });
    svg.append(svgEl('text', { class: 'label', x: t1 === t0 ? w / 2 : left, y: ht - 6, 'text-anchor': t1 === t0 ? 'middle' : 'start' }, day(t0)));
    if (t1 !== t0) svg.append(svgEl('text', { class: 'label', x: w - right, y: ht - 6, 'text-anchor': 'end' }, day(t1)));
    series.forEach((s, i) => {
      const obs = s.observations.slice().sort((a, b) => Date.parse(a.scraped_at) - Date.parse(b.scraped_at));
      const g = svgEl('g', { class: 'series series-' + (i % SERIES_STYLES), 'data-vendor': s.id });
      g.append(svgEl('polyline', { class: 'line',
        points: obs.map((o) => x(Date.parse(o.scraped_at)).toFixed(1) + ',' + y(Number(o.price)).toFixed(1)).join(' ') }));
      for (const o of obs) {
        const dot = svgEl('circle', { class: 'dot', cx: x(Date.parse(o.scraped_at)).toFixed(1), cy: y(Number(o.price)).toFixed(1), r: 3.5 });
        dot.append(svgEl('title', {}, s.label + ': ' + money(o.price, o.currency) + ' — ' + new Date(Date.parse(o.scraped_at)).toLocaleString('es-GT')));
        g.append(dot);
      }
      svg.append(g);
    });
    box.replaceChildren(svg);
  }

  document.addEventListener('DOMContentLoaded', () => {
    $('search-form').addEventListener('submit', (e) => {
      e.preventDefault();
      startSearch($('query').value);
    });
    $('sort').addEventListener('change', () => current && render(current));
    $('grouped').addEventListener('change', () => current && render(current));
    const filters = $('filters');
    filters.addEventListener('submit', (e) => {
      e.preventDefault();
      applyFilters(current);
    });
    for (const id of ['filter-brand', 'filter-category', 'filter-in-stock', 'filter-min', 'filter-max']) {
      $(id).addEventListener('change', () => applyFilters(current));
    }
    $('filter-vendor').addEventListener('change', () => current && render(current));
    $('filter-clear').addEventListener('click', () => {
      filters.reset();
      $('filter-error').hidden = true;
      applyFilters(current);
    });
    $('history-close').addEventListener('click', () => { $('history').hidden = true; });
    $('alert-form').addEventListener('submit', createAlert);
    const q = new URLSearchParams(location.search).get('q');
    loadPopular();
    if (q) startSearch(q);
  });
})();
