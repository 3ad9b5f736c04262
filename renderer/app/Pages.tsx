import { Button, Result } from 'antd';
import { RESIDENT_EDITORS } from '../../shared/auth/roles';
import { COUNTER_READERS, COUNTER_STAFF } from '../../shared/counter/casesApi';
import { AGENTS } from '../../shared/counter/errandsApi';
import { MEDIATION_READERS } from '../../shared/mediation/committees';
import { CasePage } from '../counter/CasePage';
import { IntakePage } from '../counter/IntakePage';
import { WorklistPage } from '../counter/WorklistPage';
import { ERRAND_USERS, ErrandsPage } from '../counter/errands/ErrandsPage';
import { RegisterErrandPage } from '../counter/errands/RegisterErrandPage';
import { MEDIATION_WORKERS } from '../../shared/mediation/disputesApi';
import { DisputeEditPage, DisputeFormPage } from '../mediation/disputes/DisputeFormPage';
import { DisputePage } from '../mediation/disputes/DisputePage';
import { MediationPage } from '../mediation/MediationPage';
import { PETITION_READERS, PETITION_STAFF } from '../../shared/petitions/api';
import { PetitionPage } from '../petitions/PetitionPage';
import { PetitionsPage } from '../petitions/PetitionsPage';
import { RegisterPetitionPage } from '../petitions/RegisterPetitionPage';
import { MATTER_COLLECTORS, MATTER_READERS } from '../../shared/matters/api';
import { MatterPage } from '../matters/MatterPage';
import { MattersPage } from '../matters/MattersPage';
import { RegisterMatterPage } from '../matters/RegisterMatterPage';
import { StatisticsPage } from '../counter/statistics/StatisticsPage';
import { QueuePanelPage } from '../queue/QueuePanelPage';
import { QueueStatisticsTab } from '../queue/QueueStatisticsTab';
import { ResidentNewPage } from '../residents/ResidentNewPage';
import { ResidentPage } from '../residents/ResidentPage';
import { ResidentSearchPage } from '../residents/ResidentSearchPage';
import { DocumentPage } from '../documents/DocumentPage';
import { DocumentsPage } from '../documents/DocumentsPage';
import { VerifyDocumentPage } from '../documents/VerifyDocumentPage';
import { SyncPage } from '../sync/SyncPage';
import { SystemPage } from './SystemPage';
import { HomePage } from './HomePage';
import { href, paths, type Route } from '../common/router';
import { useHasRole } from '../common/session';

export function Pages({ route }: { route: Route }) {
  const isAdministrator = useHasRole(['administrator']);
  const canEditResidents = useHasRole(RESIDENT_EDITORS);
  const canReadCases = useHasRole(COUNTER_READERS);
  const canWorkCases = useHasRole(COUNTER_STAFF);
  const canUseErrands = useHasRole(ERRAND_USERS);
  const isAgent = useHasRole(AGENTS);
  const canReadMediation = useHasRole(MEDIATION_READERS);
  const canWorkDisputes = useHasRole(MEDIATION_WORKERS);
  const canReadPetitions = useHasRole(PETITION_READERS);
  const canWorkPetitions = useHasRole(PETITION_STAFF);
  const canReadMatters = useHasRole(MATTER_READERS);
  const canCollectMatters = useHasRole(MATTER_COLLECTORS);
  switch (route.page) {
    case 'home':
      return <HomePage />;
    case 'residentSearch':
      return <ResidentSearchPage />;
    case 'residentNew':
      return canEditResidents ? <ResidentNewPage /> : <NoAccess />;
    case 'resident':
      // One instance for viewing and editing the same resident: switching does not read
      // (and audit) the record again.
      return <ResidentPage key={route.id} id={route.id} editing={route.editing && canEditResidents} />;
    case 'counterWorklist':
      return canReadCases ? <WorklistPage /> : <NoAccess />;
    case 'counterIntake':
      return canWorkCases ? <IntakePage /> : <NoAccess />;
    case 'counterCase':
      return canReadCases ? <CasePage key={route.id} id={route.id} /> : <NoAccess />;
    case 'queue':
      return canWorkCases ? <QueuePanelPage /> : <NoAccess />;
    case 'errands':
      return canUseErrands ? <ErrandsPage tab={route.tab} /> : <NoAccess />;
    case 'errandNew':
      return isAgent ? <RegisterErrandPage /> : <NoAccess />;
    case 'statistics':
      return canReadCases ? (
        <StatisticsPage tab={route.tab} more={[{ key: 'queue', label: '排队统计', content: <QueueStatisticsTab /> }]} />
      ) : (
        <NoAccess />
      );
    case 'mediation':
      return canReadMediation ? <MediationPage tab={route.tab} /> : <NoAccess />;
    case 'disputeNew':
      return canWorkDisputes ? <DisputeFormPage /> : <NoAccess />;
    case 'dispute':
      return canReadMediation ? <DisputePage key={route.id} id={route.id} /> : <NoAccess />;
    case 'disputeEdit':
      return canWorkDisputes ? <DisputeEditPage key={route.id} id={route.id} /> : <NoAccess />;
    case 'sync':
      // Everyone signed in: the page offers the tabs of the user's roles.
      return <SyncPage tab={route.tab} />;
    case 'petitions':
      return canReadPetitions ? <PetitionsPage tab={route.tab} /> : <NoAccess />;
    case 'petitionNew':
      return canWorkPetitions ? <RegisterPetitionPage /> : <NoAccess />;
    case 'petition':
      return canReadPetitions ? <PetitionPage key={route.id} id={route.id} /> : <NoAccess />;
    case 'matters':
      return canReadMatters ? <MattersPage tab={route.tab} /> : <NoAccess />;
    case 'matterNew':
      return canCollectMatters ? <RegisterMatterPage /> : <NoAccess />;
    case 'matter':
      return canReadMatters ? <MatterPage key={route.id} id={route.id} /> : <NoAccess />;
    case 'system':
      return isAdministrator ? <SystemPage tab={route.tab} /> : <NoAccess />;
    case 'verifyDocument':
      return <VerifyDocumentPage />;
    case 'documents':
      return <DocumentsPage />;
    case 'document':
      return <DocumentPage key={route.id} id={route.id} />;
    case 'notFound':
      return (
        <Result
          status="404"
          title="找不到这个页面"
          subTitle={`地址“${route.path}”不存在。`}
          extra={
            <Button type="primary" href={href(paths.home)}>
              回到首页
            </Button>
          }
        />
      );
  }
}

function NoAccess() {
  return (
    <Result
      status="403"
      title="您没有使用这项功能的权限"
      subTitle="如需使用，请联系系统管理员为您的账号增加相应角色。"
      extra={
        <Button type="primary" href={href(paths.home)}>
          回到首页
        </Button>
      }
    />
  );
}
