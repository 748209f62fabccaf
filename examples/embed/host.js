// The host listens to what the panel tells it.
const log = document.getElementById('host-events');
window.hostEvents = [];
for (const name of ['kiubi-navigate', 'kiubi-session-expired', 'kiubi-site-deleted']) {
  document.addEventListener(name, (event) => {
    window.hostEvents.push([name, event.detail]);
    const item = document.createElement('li');
    item.textContent = `${name} ${event.detail ?? ''}`;
    log.append(item);
  });
}
