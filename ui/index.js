// Registers the app's custom elements. Each element lives in its own file under components/.
import { TandemApp } from './components/tandem-app.js';

customElements.define('tandem-app', TandemApp);
