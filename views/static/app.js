// Progressive enhancement only: every page works without this script.
document.addEventListener('DOMContentLoaded', () => {
  // Show dates in the reader's locale and timezone.
  for (const t of document.querySelectorAll('time[datetime]')) {
    const v = t.getAttribute('datetime');
    if (!v || v.length <= 10) continue;
    const d = new Date(v);
    if (!Number.isNaN(d.getTime())) t.textContent = d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  }
});
