import type { EnterpriseDetail } from '../../api/enterprises.ts';

/** Placeholder until correction requests land: renders nothing. */
export function CorrectionRequestButton(_props: { enterprise: EnterpriseDetail; onDone(): void }) {
  return null;
}
