/** Every screen of the kiosk, as a value: the navigation stack holds these. */
import type { EvaluationTarget } from '../evaluation/target.ts';

export type Route =
  | { name: 'home' }
  | { name: 'departments' }
  | { name: 'department'; id: string }
  | { name: 'topics' }
  | { name: 'topic'; id: string }
  | { name: 'item'; code: string }
  | { name: 'search' }
  | { name: 'announcements' }
  | { name: 'announcement'; id: string }
  | { name: 'documents' }
  | { name: 'document'; id: string }
  | { name: 'staff' }
  | { name: 'centre' }
  | { name: 'evaluate'; target?: EvaluationTarget }
  | { name: 'thanks' };

export type RouteName = Route['name'];
