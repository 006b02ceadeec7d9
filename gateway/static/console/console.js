// The dashboard's charts (Chart.js, vendored), from the JSON the page carries.
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
  function chart(id, type, datasets, options) {
    var canvas = document.getElementById(id);
    if (canvas) { new Chart(canvas, { type: type, data: { labels: data.labels, datasets: datasets }, options: options || common }); }
  }
  chart("chart-members", "bar", [
    { label: w.members_total, data: data.members, backgroundColor: "#0b5cad" },
    { label: w.new_members, data: data.new_members, backgroundColor: "#e07b00" }]);
  chart("chart-points", "bar", [
    { label: w.issued, data: data.issued, backgroundColor: "#176b2c" },
    { label: w.redeemed, data: data.redeemed, backgroundColor: "#a3121b" }]);
  chart("chart-rates", "line", [
    { label: w.retention + " (%)", data: data.retention, borderColor: "#0b5cad", backgroundColor: "#0b5cad" },
    { label: w.repeat + " (%)", data: data.repeat, borderColor: "#e07b00", backgroundColor: "#e07b00" }]);
  var tiers = document.getElementById("chart-tiers");
  if (tiers) {
    new Chart(tiers, { type: "doughnut", options: { animation: false, plugins: { legend: { position: "bottom" } } },
      data: { labels: data.tiers.map(function (t) { return t[0]; }),
              datasets: [{ data: data.tiers.map(function (t) { return t[1]; }),
                           backgroundColor: ["#0b5cad", "#e07b00", "#176b2c", "#6b3fa0", "#a3121b"] }] } });
  }
}());
