// Registers the app's custom elements, one per file under components/. The root, <tandem-app>,
// owns the state; the others are screens it shows.
import { TandemApp } from './components/tandem-app.js';
import { TandemWelcome } from './components/tandem-welcome.js';
import { TandemUnlock } from './components/tandem-unlock.js';
import { TandemTimeline } from './components/tandem-timeline.js';
import { TandemEntryForm } from './components/tandem-entry-form.js';
import { TandemEntryView } from './components/tandem-entry-view.js';
import { TandemPeople } from './components/tandem-people.js';
import { TandemSettings } from './components/tandem-settings.js';
import { TandemSupervision } from './components/tandem-supervision.js';
import { TandemExportWizard } from './components/tandem-export-wizard.js';
import { TandemSummaryView } from './components/tandem-summary-view.js';
import { TandemSummaries } from './components/tandem-summaries.js';

customElements.define('tandem-welcome', TandemWelcome);
customElements.define('tandem-unlock', TandemUnlock);
customElements.define('tandem-timeline', TandemTimeline);
customElements.define('tandem-entry-form', TandemEntryForm);
customElements.define('tandem-entry-view', TandemEntryView);
customElements.define('tandem-people', TandemPeople);
customElements.define('tandem-settings', TandemSettings);
customElements.define('tandem-supervision', TandemSupervision);
customElements.define('tandem-export-wizard', TandemExportWizard);
customElements.define('tandem-summary-view', TandemSummaryView);
customElements.define('tandem-summaries', TandemSummaries);
customElements.define('tandem-app', TandemApp);
