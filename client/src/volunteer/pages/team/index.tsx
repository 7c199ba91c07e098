import { View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { PageShell } from '../../../components/page-shell';
import { TeamApplications } from '../../../components/team-applications';

/** A team's applications to join, for its lead (the inbox links here) and its community's staff: approve, or decline with a reason. */
export default function TeamPage() {
  const { params } = useRouter();
  const name = params.name ? decodeURIComponent(params.name) : '';
  return (
    <PageShell>
      <View className="title">{name ? `${name}的入队申请` : '入队申请'}</View>
      <TeamApplications teamId={params.id ?? ''} />
    </PageShell>
  );
}
