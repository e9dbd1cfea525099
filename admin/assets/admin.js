// Kefu Hub admin page: the few behaviours htmx does not cover. No inline scripts (the CSP forbids them).
(function () {
  'use strict';

  function drawCharts(root) {
    if (typeof window.Chart === 'undefined') return;
    root.querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
      if (canvas.dataset.drawn) return;
      var source = root.querySelector('script[data-chart-data="' + canvas.dataset.chart + '"]');
      if (!source) return;
      var data = JSON.parse(source.textContent);
      canvas.dataset.drawn = '1';
      var many = data.labels.length > 40;
      new window.Chart(canvas, {
        type: many ? 'line' : 'bar',
        data: data,
        options: { animation: false, responsive: true, maintainAspectRatio: false, elements: { point: { radius: many ? 0 : 3 } } },
      });
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    drawCharts(document);
    // A chosen CSV file is read into the textarea, so the import is a plain form post.
    document.querySelectorAll('input[type=file][data-fill]').forEach(function (input) {
      input.addEventListener('change', function () {
        var file = input.files && input.files[0];
        if (!file) return;
        file.text().then(function (text) { document.getElementById(input.dataset.fill).value = text; });
      });
    });
    document.querySelectorAll('form[data-confirm]').forEach(function (form) {
      form.addEventListener('submit', function (event) {
        if (!window.confirm(form.dataset.confirm)) event.preventDefault();
      });
    });
  });
  document.addEventListener('htmx:afterSwap', function (event) { drawCharts(event.target); });
})();
