// Orbweaver console: charts from data attributes, copy buttons, and a crawl's live progress.
// No inline script anywhere (the pages' Content-Security-Policy allows scripts from here only).
(function () {
  "use strict";

  var STATUS_WORDS = { done: "completed" }; // crawlcrawl's word for a finished run

  function drawCharts(root) {
    root.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      if (window.Chart.getChart(canvas)) {
        return;
      }
      var chart = JSON.parse(canvas.dataset.chart);
      new window.Chart(canvas, {
        type: "bar",
        data: {
          labels: chart.labels,
          datasets: [{ label: chart.label, data: chart.values, backgroundColor: "#3b6ea8" }],
        },
        options: {
          animation: false,
          maintainAspectRatio: false,
          plugins: { legend: { display: false }, title: { display: true, text: chart.label } },
          scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
        },
      });
    });
  }

  function copy(button) {
    var source = document.querySelector(button.dataset.copy);
    var text = source.textContent.trim();
    var done = function () {
      button.textContent = "Copied";
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () {
        selectAndCopy(source);
        done();
      });
    } else {
      selectAndCopy(source);
      done();
    }
  }

  function selectAndCopy(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    document.execCommand("copy");
  }

  function follow(section) {
    var field = function (name) {
      return section.querySelector('[data-field="' + name + '"]');
    };
    var pages = document.querySelector("#pages tbody");
    var events = new EventSource(section.dataset.crawlEvents);
    events.onmessage = function (message) {
      var event = JSON.parse(message.data);
      if (event.type === "page") {
        addPage(pages, event);
        return;
      }
      var status = STATUS_WORDS[event.status] || event.status;
      var badge = field("status");
      badge.textContent = status;
      badge.className = "status " + status;
      field("page_count").textContent = event.page_count;
      field("error_count").textContent = event.error_count;
      field("discovered").textContent = event.discovered;
      field("started").textContent = minute(event.started_at);
      field("finished").textContent = minute(event.finished_at);
      if (event.type === "terminal") {
        events.close(); // the stream ends here; EventSource would otherwise reconnect
        field("live").textContent = "Finished.";
        section.dataset.finished = status;
      }
    };
  }

  // As the server renders times: UTC, to the minute; "—" when there is none yet.
  function minute(iso) {
    return iso ? iso.slice(0, 10) + " " + iso.slice(11, 16) + " UTC" : "—";
  }

  function addPage(tbody, page) {
    if (!tbody || tbody.querySelector('[data-page-id="' + page.id + '"]')) {
      return;
    }
    var row = document.createElement("tr");
    row.dataset.pageId = page.id;
    [page.url, page.status, page.bytes].forEach(function (value, i) {
      var cell = document.createElement("td");
      cell.textContent = value;
      if (i === 0) {
        cell.className = "url";
      }
      row.appendChild(cell);
    });
    var link = document.createElement("a");
    link.href = "/console/pages/" + encodeURIComponent(page.id);
    link.textContent = "Markdown";
    var cell = document.createElement("td");
    cell.appendChild(link);
    row.appendChild(cell);
    tbody.appendChild(row);
  }

  document.addEventListener("click", function (e) {
    var button = e.target.closest("[data-copy]");
    if (button) {
      copy(button);
    }
  });
  // Forms that make something start empty again once it is made.
  document.body.addEventListener("htmx:afterRequest", function (e) {
    if (e.detail.successful && e.target.matches("form[data-reset]")) {
      e.target.reset();
    }
  });
  // The whole document: after an outerHTML swap the event's target is the element swapped out.
  document.body.addEventListener("htmx:afterSettle", function () {
    drawCharts(document);
  });
  drawCharts(document);
  document.querySelectorAll("[data-crawl-events]").forEach(follow);
})();
