// Placeholder page: starts a search and lists offers as they stream in (the real front end replaces this).
"use strict";
document.addEventListener("DOMContentLoaded", () => {
    const form = document.getElementById("search-form");
    const status = document.getElementById("status");
    const offers = document.getElementById("offers");
    let source = null;
    form.addEventListener("submit", async (e) => {
        e.preventDefault();
        if (source) { source.close(); }
        offers.replaceChildren();
        const query = document.getElementById("query").value;
        const answer = await fetch("/search", {
            method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify({query})
        });
        const body = await answer.json();
        if (!answer.ok) { status.textContent = body.detail; return; }
        status.textContent = "Buscando…";
        source = new EventSource(body.sse_url);
        source.addEventListener("product_found", (m) => {
            const p = JSON.parse(m.data).product;
            const li = document.createElement("li");
            const a = document.createElement("a");
            a.href = p.url; a.rel = "noopener noreferrer"; a.textContent = p.name;
            li.append(a, ` — ${p.vendor_name}: ${p.currency} ${p.price}`);
            offers.append(li);
        });
        source.addEventListener("completed", (m) => {
            const d = JSON.parse(m.data);
            status.textContent = `${d.total_results} ofertas en ${d.duration} s` +
                (d.cheapest ? `; más barato: ${d.cheapest.name} en ${d.cheapest.vendor_name}` : "");
            source.close();
        });
        source.addEventListener("error", () => { if (source.readyState === EventSource.CLOSED) { return; } });
    });
});
