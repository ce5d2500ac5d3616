// Ingest page: send the form to /api/ingest, then poll the job until it ends.
// Everything from the server is inserted as text (textContent), never as HTML.
"use strict";
(function () {
  const form = document.getElementById("ingest-form");
  if (!form) return;
  const box = document.getElementById("progress");
  const bar = document.getElementById("progress-bar");
  const text = document.getElementById("progress-text");
  const problems = document.getElementById("progress-problems");

  function show(message) {
    box.hidden = false;
    text.textContent = message;
  }

  async function poll(id) {
    const response = await fetch("/api/jobs/" + encodeURIComponent(id), { headers: { Accept: "application/json" } });
    const job = await response.json();
    if (!response.ok) {
      show("Error: " + (job.error || response.status));
      return;
    }
    bar.max = Math.max(job.total, 1);
    bar.value = job.done;
    if (job.state === "done") {
      const c = job.counts;
      show("Done: " + c.ingested + " ingested, " + c.duplicates + " duplicates, " + c.skipped + " skipped, " + c.failed + " failed.");
      problems.replaceChildren(...job.problems.map(function (p) {
        const li = document.createElement("li");
        li.textContent = p.item + ": " + p.reason;
        return li;
      }));
      const link = document.createElement("a");
      link.href = "/";
      link.textContent = "See the stories";
      text.append(" ", link);
    } else if (job.state === "failed") {
      show("Failed: " + job.error);
    } else {
      show((job.state === "queued" ? "Waiting" : "Working") + ": " + job.done + " of " + job.total + (job.current ? " (" + job.current + ")" : ""));
      setTimeout(function () { poll(id); }, 500);
    }
  }

  form.addEventListener("submit", async function (event) {
    event.preventDefault();
    show("Uploading…");
    const response = await fetch(form.action, { method: "POST", body: new FormData(form), headers: { Accept: "application/json" } });
    const body = await response.json();
    if (!response.ok) {
      show("Error " + response.status + ": " + (body.error || "request refused"));
      return;
    }
    poll(body.id);
  });
})();
