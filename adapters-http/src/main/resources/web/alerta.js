// DondeLoCompro: the management page of one alert. Its id and token come in the URL's fragment (never sent to a
// server by the browser); the token goes to the API as a bearer token. Everything is put on the page as text.
'use strict';

(() => {
  const $ = (id) => document.getElementById(id);
  const params = new URLSearchParams(location.hash.slice(1));
  const id = params.get('id');
  const token = params.get('token');
  const auth = { Authorization: 'Bearer ' + token, Accept: 'application/json' };

  function money(amount) {
    return 'Q ' + Number(amount).toLocaleString('es-GT', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  }

  function ruleText(rule) {
    if (rule.below_price !== undefined) return 'cueste ' + money(rule.below_price) + ' o menos';
    if (rule.drop_percent !== undefined) return 'baje ' + rule.drop_percent + ' %';
    return 'vuelva a estar disponible';
  }

  function channelText(channel) {
    if (channel.email) return 'correo a ' + channel.email;
    if (channel.ntfy) return 'ntfy (' + channel.ntfy + ')';
    return 'webhook';
  }

  function item(n) {
    const li = document.createElement('li');
    li.className = 'offer';
    const body = document.createElement('div');
    body.className = 'offer-body';
    const name = document.createElement('div');
    name.className = 'offer-name';
    name.textContent = n.product.name + ' — ' + money(n.price) + (n.previous_price !== null ? ' (antes ' + money(n.previous_price) + ')' : '');
    const meta = document.createElement('div');
    meta.className = 'offer-meta';
    meta.textContent = (n.product.vendor_name || n.product.vendor_id) + ' · ' + new Date(n.at).toLocaleString('es-GT')
      + (n.sent_at ? ' · enviado' : ' · pendiente de envío');
    body.append(name, meta);
    li.append(body);
    return li;
  }

  async function load() {
    if (new URLSearchParams(location.search).get('confirmada') === '1') $('confirmed').hidden = false;
    if (!id || !token) {
      $('message').textContent = $('confirmed').hidden ? 'Abre el enlace que recibiste al crear la alerta.' : '';
      return;
    }
    const [alertRes, listRes] = await Promise.all([
      fetch('/alerts/' + encodeURIComponent(id), { headers: auth }),
      fetch('/alerts/' + encodeURIComponent(id) + '/notifications', { headers: auth })]);
    if (!alertRes.ok || !listRes.ok) {
      $('message').textContent = alertRes.status === 404 ? 'Esta alerta no existe (¿ya la borraste?).' : 'No se pudo cargar la alerta.';
      return;
    }
    const alert = await alertRes.json();
    const list = await listRes.json();
    $('message').textContent = '';
    $('alert-status').textContent = alert.status === 'active' ? 'activa' : 'esperando que confirmes tu correo';
    $('alert-rule').textContent = ruleText(alert.rule);
    $('alert-channel').textContent = channelText(alert.channel);
    $('alert-created').textContent = new Date(alert.created_at).toLocaleString('es-GT');
    $('notifications').replaceChildren(...list.map(item));
    $('no-notifications').hidden = list.length > 0;
    $('alert').hidden = false;
  }

  async function remove() {
    const res = await fetch('/alerts/' + encodeURIComponent(id), { method: 'DELETE', headers: auth });
    if (res.status === 204) {
      $('alert').hidden = true;
      $('message').textContent = 'Alerta borrada. No te avisaremos más.';
    } else {
      $('message').textContent = 'No se pudo borrar la alerta.';
    }
  }

  document.addEventListener('DOMContentLoaded', () => {
    $('delete').addEventListener('click', remove);
    load().catch(() => { $('message').textContent = 'No se pudo cargar la alerta.'; });
  });
})();
