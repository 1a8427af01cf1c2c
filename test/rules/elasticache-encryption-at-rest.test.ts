import { ruleTester } from '../helpers/rule-tester';

const P = ['Resources', 'Rg', 'Properties'];

ruleTester('elasticache-encryption-at-rest', {
  valid: [
    {
      name: 'redis replication group encrypted with a template key',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: true
  Rg:
    Type: AWS::ElastiCache::ReplicationGroup
    Properties:
      ReplicationGroupDescription: phi cache
      Engine: redis
      AtRestEncryptionEnabled: true
      TransitEncryptionEnabled: true
      KmsKeyId: !Ref Key
`,
    },
    {
      name: 'peer mistake: guard, checkov and cfn_nag fail Valkey without AtRestEncryptionEnabled (Valkey encrypts by default)',
      yaml: `
Resources:
  Rg:
    Type: AWS::ElastiCache::ReplicationGroup
    Properties:
      ReplicationGroupDescription: phi cache
      Engine: valkey
      TransitEncryptionEnabled: true
      KmsKeyId: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
`,
    },
    {
      name: 'flag as string and key from parameter Defaults',
      yaml: `
Parameters:
  Encrypt:
    Type: String
    AllowedValues: ['true', 'false']
    Default: 'true'
  CacheKey:
    Type: String
    Default: alias/phi-cache
Resources:
  Rg:
    Type: AWS::ElastiCache::ReplicationGroup
    Properties:
      ReplicationGroupDescription: phi cache
      AtRestEncryptionEnabled: !Ref Encrypt
      KmsKeyId: !Ref CacheKey
`,
    },
    {
      name: 'serverless cache with a customer managed key',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
  Cache:
    Type: AWS::ElastiCache::ServerlessCache
    Properties:
      ServerlessCacheName: phi
      Engine: valkey
      KmsKeyId: !GetAtt Key.Arn
`,
    },
    {
      name: 'suppressed with a reason',
      yaml: `
Resources:
  Rg:
    Type: AWS::ElastiCache::ReplicationGroup
    Metadata:
      cfn-hipaa:
        suppress:
          - rule: elasticache-encryption-at-rest
            reason: Session ids only, never PHI (SEC-12)
    Properties:
      ReplicationGroupDescription: sessions
`,
    },
  ],
  invalid: [
    {
      name: 'redis (default engine) without AtRestEncryptionEnabled is unencrypted',
      yaml: `
Resources:
  Rg:
    Type: AWS::ElastiCache::ReplicationGroup
    Properties:
      ReplicationGroupDescription: phi cache
`,
      findings: [{ messageId: 'notEncrypted', path: [...P, 'AtRestEncryptionEnabled'], severity: 'error', fix: 'suggest', message: 'redis engine' }],
    },
    {
      name: 'explicit false, one key in the template: suggestion only (replacement)',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
  Rg:
    Type: AWS::ElastiCache::ReplicationGroup
    Properties:
      ReplicationGroupDescription: phi cache
      Engine: redis
      AtRestEncryptionEnabled: false
`,
      findings: [{ messageId: 'disabled', path: [...P, 'AtRestEncryptionEnabled'], severity: 'error', fix: 'suggest' }],
    },
    {
      name: 'encrypted with the default key: hardening',
      yaml: `
Resources:
  Rg:
    Type: AWS::ElastiCache::ReplicationGroup
    Properties:
      ReplicationGroupDescription: phi cache
      AtRestEncryptionEnabled: true
`,
      findings: [{ messageId: 'defaultKey', path: [...P, 'KmsKeyId'], severity: 'warning', fix: 'suggest' }],
    },
    {
      name: 'valkey default encryption without a key: hardening, not a violation',
      yaml: `
Resources:
  Rg:
    Type: AWS::ElastiCache::ReplicationGroup
    Properties:
      ReplicationGroupDescription: phi cache
      Engine: valkey
      TransitEncryptionEnabled: true
`,
      findings: [{ messageId: 'defaultKey', path: [...P, 'KmsKeyId'], severity: 'warning', fix: 'suggest' }],
    },
    {
      name: 'AWS managed alias',
      yaml: `
Resources:
  Rg:
    Type: AWS::ElastiCache::ReplicationGroup
    Properties:
      ReplicationGroupDescription: phi cache
      AtRestEncryptionEnabled: true
      KmsKeyId: alias/aws/elasticache
`,
      findings: [{ messageId: 'awsManagedKey', path: [...P, 'KmsKeyId'], severity: 'warning', fix: 'suggest' }],
    },
    {
      name: 'engine from a parameter without Default: each allowed engine judged',
      yaml: `
Parameters:
  Engine:
    Type: String
    AllowedValues: [redis, valkey]
Resources:
  Key:
    Type: AWS::KMS::Key
  Rg:
    Type: AWS::ElastiCache::ReplicationGroup
    Properties:
      ReplicationGroupDescription: phi cache
      Engine: !Ref Engine
      KmsKeyId: !Ref Key
`,
      findings: [{ messageId: 'notEncrypted', path: [...P, 'AtRestEncryptionEnabled'], severity: 'error', fix: 'suggest', message: 'redis engine' }],
    },
    {
      name: 'engine decided at deploy time and flag absent: unverifiable',
      yaml: `
Parameters:
  Engine:
    Type: String
Resources:
  Rg:
    Type: AWS::ElastiCache::ReplicationGroup
    Properties:
      ReplicationGroupDescription: phi cache
      Engine: !Ref Engine
`,
      findings: [{ messageId: 'unverifiable', path: [...P, 'AtRestEncryptionEnabled'], severity: 'info' }],
    },
    {
      name: 'Fn::If: the false branch turns encryption off',
      yaml: `
Conditions:
  Prod: !Equals [!Ref 'AWS::AccountId', '111122223333']
Resources:
  Key:
    Type: AWS::KMS::Key
  Rg:
    Type: AWS::ElastiCache::ReplicationGroup
    Properties:
      ReplicationGroupDescription: phi cache
      AtRestEncryptionEnabled: !If [Prod, true, false]
      KmsKeyId: !GetAtt Key.Arn
`,
      findings: [{ messageId: 'disabled', path: [...P, 'AtRestEncryptionEnabled', 'Fn::If', 2], severity: 'error', fix: 'suggest', message: 'condition Prod is false' }],
    },
    {
      name: 'flag from Fn::ImportValue: unverifiable',
      yaml: `
Resources:
  Rg:
    Type: AWS::ElastiCache::ReplicationGroup
    Properties:
      ReplicationGroupDescription: phi cache
      AtRestEncryptionEnabled: !ImportValue shared-encrypt
`,
      findings: [{ messageId: 'unverifiable', path: [...P, 'AtRestEncryptionEnabled'], severity: 'info' }],
    },
    {
      name: 'global datastore member without the flag: unverifiable (inherits the primary)',
      yaml: `
Resources:
  Rg:
    Type: AWS::ElastiCache::ReplicationGroup
    Properties:
      ReplicationGroupDescription: phi cache secondary
      GlobalReplicationGroupId: ldgnf-phi
`,
      findings: [{ messageId: 'unverifiable', path: [...P, 'AtRestEncryptionEnabled'], severity: 'info' }],
    },
    {
      name: 'valkey, Fn::If: one branch uses the AWS managed alias',
      yaml: `
Resources:
  Key:
    Type: AWS::KMS::Key
  Rg:
    Type: AWS::ElastiCache::ReplicationGroup
    Properties:
      ReplicationGroupDescription: phi cache
      Engine: valkey
      TransitEncryptionEnabled: true
      KmsKeyId: !If [NoCondition, !GetAtt Key.Arn, alias/aws/elasticache]
Conditions:
  NoCondition: !Equals [a, b]
`,
      findings: [{ messageId: 'awsManagedKey', path: [...P, 'KmsKeyId', 'Fn::If', 2], severity: 'warning', fix: 'suggest' }],
    },
    {
      name: 'serverless cache without KmsKeyId: hardening',
      yaml: `
Resources:
  Cache:
    Type: AWS::ElastiCache::ServerlessCache
    Properties:
      ServerlessCacheName: phi
      Engine: redis
`,
      findings: [{ messageId: 'serverlessKey', path: ['Resources', 'Cache', 'Properties', 'KmsKeyId'], severity: 'warning', fix: 'suggest' }],
    },
    {
      name: 'serverless cache key from ImportValue: unverifiable',
      yaml: `
Resources:
  Cache:
    Type: AWS::ElastiCache::ServerlessCache
    Properties:
      ServerlessCacheName: phi
      Engine: redis
      KmsKeyId: !ImportValue shared-key
`,
      findings: [{ messageId: 'unverifiable', path: ['Resources', 'Cache', 'Properties', 'KmsKeyId'], severity: 'info' }],
    },
    {
      name: 'cache cluster cannot be encrypted at rest (no fix)',
      yaml: `
Resources:
  Cc:
    Type: AWS::ElastiCache::CacheCluster
    Properties:
      Engine: memcached
      CacheNodeType: cache.t3.micro
      NumCacheNodes: 1
`,
      findings: [{ messageId: 'cacheCluster', path: ['Resources', 'Cc', 'Type'], severity: 'error', fix: 'none' }],
    },
  ],
});
