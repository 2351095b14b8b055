import { ComingSoon } from './ui.tsx';

export function AccountsPage() {
  return <ComingSoon area="Accounts">Companies with their leads, deals and activity in one place.</ComingSoon>;
}

export function CampaignsPage() {
  return (
    <ComingSoon area="Campaigns">Campaigns and daily spend, with the pipeline and revenue each produced.</ComingSoon>
  );
}

export function ReportsPage() {
  return (
    <ComingSoon area="Reports">
      Funnel conversion and velocity, lead quality per source, attribution and return on marketing spend.
    </ComingSoon>
  );
}

export function HuddlePage() {
  return (
    <ComingSoon area="Huddle">
      The weekly sales and marketing scorecard and agenda, with action items that persist.
    </ComingSoon>
  );
}
