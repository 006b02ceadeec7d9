// The dashboard's charts (Chart.js, vendored), from the JSON the page carries (the CSP
// allows no inline script).
(function () {
  "use strict";
  var holder = document.getElementById("chart-data");
  if (!holder || typeof Chart === "undefined") { return; }
  var data = JSON.parse(holder.textContent);
  var w = data.words;
  var grouped = function (v) { return Number(v).toLocaleString("vi-VN"); };
  var common = { responsive: true, animation: false,
                 plugins: { legend: { position: "bottom" } },
                 scales: { y: { beginAtZero: true, ticks: { callback: grouped } } } };
  // NPS runs from -100 to 100; net points may be negative.
  var signed = { responsive: true, animation: false,
                 plugins: { legend: { position: "bottom" } },
                 scales: { y: { ticks: { callback: grouped } } } };
  function chart(id, type, datasets, options) {
    var canvas = document.getElementById(id);
    if (canvas) { new Chart(canvas, { type: type, data: { labels: data.labels, datasets: datasets }, options: options || common }); }
  }
  function line(label, values, colour) {
    return { type: "line", label: label, data: values, borderColor: colour, backgroundColor: colour };
  }
  chart("chart-members", "bar", [
    { label: w.members_total, data: data.members, backgroundColor: "#0b5cad" },
    { label: w.dash_active, data: data.active, backgroundColor: "#176b2c" },
    { label: w.new_members, data: data.new_members, backgroundColor: "#e07b00" }]);
  chart("chart-points", "bar", [
    { label: w.issued, data: data.issued, backgroundColor: "#176b2c" },
    { label: w.redeemed, data: data.redeemed, backgroundColor: "#a3121b" },
    { label: w.dash_expired, data: data.expired, backgroundColor: "#6b3fa0" }]);
  chart("chart-liability", "line", [line(w.dash_liability_end, data.liability, "#a3121b")]);
  chart("chart-net", "bar", [
    { label: w.dash_net, data: data.net, backgroundColor: "#0b5cad" }], signed);
  chart("chart-rates", "line", [
    line(w.retention + " (%)", data.retention, "#0b5cad"),
    line(w.repeat + " (%)", data.repeat, "#e07b00")]);
  chart("chart-nps", "line", [line(w.nps, data.nps, "#6b3fa0")],
        { responsive: true, animation: false, plugins: { legend: { position: "bottom" } },
          scales: { y: { min: -100, max: 100 } } });
  var tiers = document.getElementById("chart-tiers");
  if (tiers) {
    new Chart(tiers, { type: "doughnut", options: { animation: false, plugins: { legend: { position: "bottom" } } },
      data: { labels: data.tiers.map(function (t) { return t[0]; }),
              datasets: [{ data: data.tiers.map(function (t) { return t[1]; }),
                           backgroundColor: ["#0b5cad", "#e07b00", "#176b2c", "#6b3fa0", "#a3121b"] }] } });
  }
}());
