/**
 * HIPAA-eligible AWS services, keyed by CloudFormation resource type: which AWS service a resource
 * belongs to and whether that service is on AWS's HIPAA Eligible Services Reference (the services
 * the AWS Business Associate Addendum covers). Data only, plus one pure lookup.
 *
 * Source: AWS, "HIPAA Eligible Services Reference",
 *   https://aws.amazon.com/compliance/hipaa-eligible-services-reference/
 * The page's "Last Updated" date, as cited by the most recent copies we could find: 2026-09-03
 * (an earlier copy reads 2026-05-22). The complete list we could read service by service is the
 * copy of April 18, 2022 that AWS publishes with the Landing Zone Accelerator's healthcare sample
 * (awslabs/landing-zone-accelerator-on-aws, reference/sample-configurations/
 * aws-best-practices-healthcare/service-control-policies/Readme.md); entries marked "(later)"
 * were added after that date and are named on the current page by the sources we checked. The
 * oldest reference point is the 2017 list of 32 services (API Gateway, Aurora MySQL, CloudFront,
 * DynamoDB, EC2, EBS, ECS, EMR, ELB, Redshift, S3, SQS, SNS...). A service on the 2022 copy is
 * treated as eligible unless a later source says otherwise.
 * The page says every feature of a listed service is eligible unless it is specifically excluded:
 * so AppConfig (a capability of Systems Manager), Data Lifecycle Manager (EBS snapshots),
 * EventBridge Scheduler and Pipes follow their service.
 *
 * Rules for this table:
 *   - A key is a namespace prefix (`AWS::S3::`) or a full type (`AWS::DirectoryService::SimpleAD`)
 *     where one namespace mixes eligible and excluded parts; the full type wins.
 *   - `eligible: false` only for a service we verified is absent from AWS's list (or named as an
 *     exclusion on it). A namespace we could not verify stays out of the table: the rule then says
 *     it cannot tell (information), it never guesses.
 *   - `noData: true` for types that never hold or process customer data (IAM, CloudFormation
 *     plumbing, resource groups, CDK metadata, custom resources, modules): never flagged.
 *   - Types outside the AWS:: and Alexa:: namespaces (third-party registry types, macro-provided
 *     types) are unknown: the AWS BAA does not cover a third party's service.
 * Users whose BAA differs override entries in .cfn-hipaa.yaml (`eligibleServices:`).
 */

export interface ServiceEntry {
  /** The AWS service as the HIPAA Eligible Services Reference names it. */
  service: string;
  /** On AWS's list (true) or verified absent from it (false). Absent when noData. */
  eligible?: boolean;
  /** Never holds or processes customer data: not judged. */
  noData?: true;
  /** Why, where it is not obvious (an exclusion, a capability of another service, a later addition). */
  note?: string;
}

export const ELIGIBLE_SERVICES_SOURCE = {
  title: 'HIPAA Eligible Services Reference',
  url: 'https://aws.amazon.com/compliance/hipaa-eligible-services-reference/',
  /** The page's "Last Updated" date as we found it cited. */
  lastUpdated: '2026-09-03',
  /** The newest copy we could read in full, service by service. */
  fullCopy: '2022-04-18',
  /** The oldest reference point. */
  oldest: '2017: 32 services',
} as const;

const yes = (service: string, note?: string): ServiceEntry => (note ? { service, eligible: true, note } : { service, eligible: true });
const no = (service: string, note: string): ServiceEntry => ({ service, eligible: false, note });
const none = (service: string, note: string): ServiceEntry => ({ service, noData: true, note });

export const SERVICES: Readonly<Record<string, ServiceEntry>> = {
  // --- Never hold customer data -------------------------------------------------------------
  'AWS::IAM::': none('AWS Identity and Access Management', 'identities and policies, no customer data'),
  'AWS::CloudFormation::': none('AWS CloudFormation', 'stacks, wait conditions, macros, custom resources: deployment plumbing'),
  'AWS::CDK::Metadata': none('AWS CDK', 'CDK version metadata'),
  'AWS::ResourceGroups::': none('AWS Resource Groups', 'groups of resources by tag'),
  'AWS::AccessAnalyzer::': none('IAM Access Analyzer', 'analyses policies; part of IAM'),
  'AWS::ApplicationAutoScaling::': none('Application Auto Scaling', 'scaling targets and policies'),
  'AWS::Budgets::': none('AWS Budgets', 'billing'),
  'AWS::CE::': none('AWS Cost Explorer', 'billing'),
  'AWS::Serverless::Application': none('AWS Serverless Application Repository', 'a nested stack: lint the resources of the application itself'),
  'AWS::Serverless::Connector': none('AWS SAM', 'generates IAM policies between two resources'),

  // --- SAM types: the service each creates ---------------------------------------------------
  'AWS::Serverless::Function': yes('AWS Lambda'),
  'AWS::Serverless::LayerVersion': yes('AWS Lambda'),
  'AWS::Serverless::Api': yes('Amazon API Gateway'),
  'AWS::Serverless::HttpApi': yes('Amazon API Gateway'),
  'AWS::Serverless::SimpleTable': yes('Amazon DynamoDB'),
  'AWS::Serverless::StateMachine': yes('AWS Step Functions'),
  'AWS::Serverless::GraphQLApi': yes('AWS AppSync'),

  // --- On the list (April 2022 copy unless marked later) ------------------------------------
  'AWS::Amplify::': yes('AWS Amplify', 'listed as AWS Amplify Console'),
  'AWS::AmazonMQ::': yes('Amazon MQ'),
  'AWS::ApiGateway::': yes('Amazon API Gateway'),
  'AWS::ApiGatewayV2::': yes('Amazon API Gateway'),
  'AWS::AppConfig::': yes('AWS Systems Manager', 'AWS AppConfig is a capability of Systems Manager'),
  'AWS::AppFlow::': yes('Amazon AppFlow'),
  'AWS::AppMesh::': yes('AWS App Mesh'),
  'AWS::AppStream::': yes('Amazon AppStream 2.0'),
  'AWS::AppSync::': yes('AWS AppSync'),
  'AWS::Athena::': yes('Amazon Athena'),
  'AWS::AutoScaling::': yes('Amazon EC2 Auto Scaling'),
  'AWS::Backup::': yes('AWS Backup'),
  'AWS::Batch::': yes('AWS Batch'),
  'AWS::Bedrock::': yes('Amazon Bedrock', '(later)'),
  'AWS::BedrockAgentCore::': yes('Amazon Bedrock AgentCore', '(later)'),
  'AWS::Cassandra::': yes('Amazon Keyspaces (for Apache Cassandra)'),
  'AWS::CertificateManager::': yes('AWS Certificate Manager'),
  'AWS::Cloud9::': yes('AWS Cloud9'),
  'AWS::CloudFront::': yes('Amazon CloudFront', 'including Lambda@Edge'),
  'AWS::CloudTrail::': yes('AWS CloudTrail'),
  'AWS::CloudWatch::': yes('Amazon CloudWatch'),
  'AWS::CodeBuild::': yes('AWS CodeBuild'),
  'AWS::CodeCommit::': yes('AWS CodeCommit'),
  'AWS::CodeDeploy::': yes('AWS CodeDeploy'),
  'AWS::CodePipeline::': yes('AWS CodePipeline'),
  'AWS::Cognito::': yes('Amazon Cognito'),
  'AWS::Config::': yes('AWS Config'),
  'AWS::Comprehend::': yes('Amazon Comprehend'),
  'AWS::Connect::': yes('Amazon Connect', 'excludes Wisdom, Voice ID and high-volume outbound communications'),
  'AWS::DataBrew::': yes('AWS Glue DataBrew'),
  'AWS::DataSync::': yes('AWS DataSync'),
  'AWS::Detective::': yes('Amazon Detective'),
  'AWS::DirectConnect::': yes('AWS Direct Connect'),
  'AWS::DirectoryService::': yes('AWS Directory Service', 'Simple AD is excluded'),
  'AWS::DirectoryService::SimpleAD': no('AWS Directory Service Simple AD', 'the list excludes Simple AD from AWS Directory Service'),
  'AWS::DLM::': yes('Amazon Elastic Block Store', 'Data Lifecycle Manager manages EBS snapshots'),
  'AWS::DMS::': yes('AWS Database Migration Service'),
  'AWS::DocDBElastic::': yes('Amazon DocumentDB (with MongoDB compatibility)', 'elastic clusters'),
  'AWS::DocDB::': yes('Amazon DocumentDB (with MongoDB compatibility)'),
  'AWS::DynamoDB::': yes('Amazon DynamoDB'),
  'AWS::EC2::': yes('Amazon EC2', 'with Amazon VPC and Amazon EBS'),
  'AWS::ECR::': yes('Amazon Elastic Container Registry'),
  'AWS::ECS::': yes('Amazon Elastic Container Service', 'Fargate and EC2 launch types'),
  'AWS::EFS::': yes('Amazon Elastic File System'),
  'AWS::EKS::': yes('Amazon Elastic Kubernetes Service'),
  'AWS::ElastiCache::': yes('Amazon ElastiCache', 'the 2022 copy lists ElastiCache for Redis'),
  'AWS::ElasticBeanstalk::': yes('AWS Elastic Beanstalk'),
  'AWS::ElasticLoadBalancing::': yes('Elastic Load Balancing'),
  'AWS::ElasticLoadBalancingV2::': yes('Elastic Load Balancing'),
  'AWS::Elasticsearch::': yes('Amazon OpenSearch Service', 'successor to Amazon Elasticsearch Service'),
  'AWS::EMR::': yes('Amazon EMR'),
  'AWS::EMRContainers::': yes('Amazon EMR', 'EMR on EKS'),
  'AWS::EMRServerless::': yes('Amazon EMR', 'EMR Serverless'),
  'AWS::EventSchemas::': yes('Amazon EventBridge', 'EventBridge schema registry'),
  'AWS::Events::': yes('Amazon EventBridge', 'listed as CloudWatch Events, including EventBridge'),
  'AWS::FMS::': yes('AWS Firewall Manager'),
  'AWS::FSx::': yes('Amazon FSx'),
  'AWS::GlobalAccelerator::': yes('AWS Global Accelerator'),
  'AWS::Glue::': yes('AWS Glue'),
  'AWS::Greengrass::': yes('AWS IoT Greengrass'),
  'AWS::GreengrassV2::': yes('AWS IoT Greengrass'),
  'AWS::GuardDuty::': yes('Amazon GuardDuty'),
  'AWS::HealthLake::': yes('AWS HealthLake'),
  'AWS::IdentityStore::': yes('AWS IAM Identity Center', 'the Identity Center directory; listed as AWS Single Sign-On'),
  'AWS::Inspector::': yes('Amazon Inspector'),
  'AWS::InspectorV2::': yes('Amazon Inspector'),
  'AWS::IoT::': yes('AWS IoT Core'),
  'AWS::IoTEvents::': yes('AWS IoT Events'),
  'AWS::Kendra::': yes('Amazon Kendra'),
  'AWS::Kinesis::': yes('Amazon Kinesis Data Streams'),
  'AWS::KinesisAnalytics::': yes('Amazon Kinesis Data Analytics'),
  'AWS::KinesisAnalyticsV2::': yes('Amazon Kinesis Data Analytics'),
  'AWS::KinesisFirehose::': yes('Amazon Kinesis Data Firehose'),
  'AWS::KinesisVideo::': yes('Amazon Kinesis Video Streams'),
  'AWS::KafkaConnect::': yes('Amazon Managed Streaming for Apache Kafka', 'MSK Connect'),
  'AWS::KMS::': yes('AWS Key Management Service'),
  'AWS::LakeFormation::': yes('AWS Lake Formation', 'listed with AWS Glue'),
  'AWS::Lambda::': yes('AWS Lambda'),
  'AWS::Lex::': yes('Amazon Lex'),
  'AWS::Location::': yes('Amazon Location Service'),
  'AWS::Logs::': yes('Amazon CloudWatch Logs'),
  'AWS::Macie::': yes('Amazon Macie'),
  'AWS::MediaConnect::': yes('AWS Elemental MediaConnect'),
  'AWS::MediaConvert::': yes('AWS Elemental MediaConvert'),
  'AWS::MediaLive::': yes('AWS Elemental MediaLive'),
  'AWS::MSK::': yes('Amazon Managed Streaming for Apache Kafka'),
  'AWS::Neptune::': yes('Amazon Neptune'),
  'AWS::NetworkFirewall::': yes('AWS Network Firewall'),
  'AWS::OpenSearchService::': yes('Amazon OpenSearch Service'),
  'AWS::OpsWorks::': yes('AWS OpsWorks Stacks', 'on the 2022 copy; the service reached end of life in May 2024'),
  'AWS::OpsWorksCM::': yes('AWS OpsWorks for Chef Automate / Puppet Enterprise', 'on the 2022 copy; end of life in 2024'),
  'AWS::Organizations::': yes('AWS Organizations'),
  'AWS::Pinpoint::': yes('Amazon Pinpoint', 'excluding voice messages'),
  'AWS::PinpointEmail::': yes('Amazon Pinpoint', 'excluding voice messages'),
  'AWS::Pipes::': yes('Amazon EventBridge', 'EventBridge Pipes'),
  'AWS::QBusiness::': yes('Amazon Q Business', '(later); named with Bedrock and SageMaker by AWS\'s "HIPAA compliance for generative AI solutions on AWS"'),
  'AWS::QLDB::': yes('Amazon Quantum Ledger Database (QLDB)'),
  'AWS::QuickSight::': yes('Amazon QuickSight'),
  'AWS::RDS::': yes('Amazon RDS and Amazon Aurora', 'the 2022 copy names the SQL Server, MySQL, Oracle, PostgreSQL and MariaDB engines, and Aurora'),
  'AWS::RedshiftServerless::': yes('Amazon Redshift', 'Redshift Serverless'),
  'AWS::Redshift::': yes('Amazon Redshift'),
  'AWS::Rekognition::': yes('Amazon Rekognition'),
  'AWS::RoboMaker::': yes('AWS RoboMaker'),
  'AWS::Route53::': yes('Amazon Route 53'),
  'AWS::Route53Resolver::': yes('Amazon Route 53', 'Route 53 Resolver'),
  'AWS::S3::': yes('Amazon S3', 'including S3 Transfer Acceleration'),
  'AWS::S3Express::': yes('Amazon S3', 'S3 Express One Zone directory buckets'),
  'AWS::S3ObjectLambda::': yes('Amazon S3', 'S3 Object Lambda access points'),
  'AWS::SageMaker::': yes('Amazon SageMaker', 'excludes Studio Lab, Ground Truth Plus and public or vendor workforces'),
  'AWS::Scheduler::': yes('Amazon EventBridge', 'EventBridge Scheduler'),
  'AWS::SecretsManager::': yes('AWS Secrets Manager'),
  'AWS::SecurityHub::': yes('AWS Security Hub'),
  'AWS::ServiceCatalog::': yes('AWS Service Catalog'),
  'AWS::ServiceDiscovery::': yes('AWS Cloud Map'),
  'AWS::SES::': yes('Amazon Simple Email Service'),
  'AWS::Shield::': yes('AWS Shield'),
  'AWS::SNS::': yes('Amazon Simple Notification Service'),
  'AWS::SQS::': yes('Amazon Simple Queue Service'),
  'AWS::SSM::': yes('AWS Systems Manager'),
  'AWS::SSMContacts::': yes('AWS Systems Manager', 'Incident Manager contacts'),
  'AWS::SSMIncidents::': yes('AWS Systems Manager', 'Incident Manager'),
  'AWS::SSO::': yes('AWS IAM Identity Center', 'listed as AWS Single Sign-On'),
  'AWS::StepFunctions::': yes('AWS Step Functions'),
  'AWS::Timestream::': yes('Amazon Timestream'),
  'AWS::Transfer::': yes('AWS Transfer Family', 'listed as AWS Transfer for SFTP'),
  'AWS::WAF::': yes('AWS WAF'),
  'AWS::WAFRegional::': yes('AWS WAF'),
  'AWS::WAFv2::': yes('AWS WAF'),
  'AWS::WorkSpaces::': yes('Amazon WorkSpaces'),
  'AWS::XRay::': yes('AWS X-Ray'),

  // --- Verified absent from the list ---------------------------------------------------------
  'AWS::CodeStar::': no('AWS CodeStar', 'never on the list; the service was discontinued in July 2024 (GitHubRepository copies code to GitHub)'),
  'AWS::DataPipeline::': no('AWS Data Pipeline', 'never on the list; the service is in maintenance mode'),
  'AWS::GameLift::': no('Amazon GameLift', 'game server hosting; absent from the 2022 copy, and no source names it eligible since'),
  'AWS::SDB::': no('Amazon SimpleDB', 'legacy service; never on the list'),
};

export type EligibilityStatus = 'eligible' | 'not-eligible' | 'no-data' | 'unknown';

export interface Eligibility {
  status: EligibilityStatus;
  /** The service's name, when the table knows it. */
  service?: string;
  /** The table key or override key that decided. */
  key?: string;
  /** Where the answer came from: AWS's list (this table) or the user's config. */
  source: 'aws-list' | 'config';
  note?: string;
}

/** Whether a type is an AWS (or Alexa) resource type, as opposed to a third-party or macro-provided one. */
export function isAwsType(type: string): boolean {
  return /^(AWS|Alexa)::/.test(type);
}

/** `AWS::S3::Bucket` -> `AWS::S3::`; undefined for a type without a namespace. */
export function prefixOf(type: string): string | undefined {
  const m = /^([A-Za-z0-9]+::[A-Za-z0-9]+::)/.exec(type);
  return m ? m[1] : undefined;
}

/**
 * Whether a resource type's service is HIPAA-eligible. Overrides (LintConfig.eligibleServices:
 * prefix or full type -> boolean) win over the table; within each, a full type wins over its
 * prefix. Custom resources (`Custom::*`) hold no data of their own.
 */
export function eligibility(type: string, overrides?: Readonly<Record<string, boolean>>): Eligibility {
  const prefix = prefixOf(type);
  const entry = SERVICES[type] ?? (prefix ? SERVICES[prefix] : undefined);
  const entryKey = SERVICES[type] ? type : prefix;
  if (overrides) {
    for (const key of [type, prefix]) {
      if (key === undefined || !Object.prototype.hasOwnProperty.call(overrides, key)) continue;
      const v = overrides[key];
      if (typeof v !== 'boolean') continue;
      return { status: v ? 'eligible' : 'not-eligible', service: entry?.service, key, source: 'config' };
    }
  }
  if (type.startsWith('Custom::')) return { status: 'no-data', service: 'AWS CloudFormation custom resource', key: 'Custom::', source: 'aws-list' };
  // A CloudFormation module (`Org::Service::Name::MODULE`) expands into other resources at deploy time.
  if (type.endsWith('::MODULE')) return { status: 'no-data', service: 'AWS CloudFormation module', key: '::MODULE', source: 'aws-list' };
  if (!entry) return { status: 'unknown', source: 'aws-list' };
  const status: EligibilityStatus = entry.noData ? 'no-data' : entry.eligible ? 'eligible' : 'not-eligible';
  return { status, service: entry.service, key: entryKey, source: 'aws-list', note: entry.note };
}
