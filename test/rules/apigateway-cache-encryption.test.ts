import { ruleTester } from '../helpers/rule-tester';

const S = ['Resources', 'Stage', 'Properties'];

ruleTester('apigateway-cache-encryption', {
  valid: [
    {
      name: 'peer mistake: cdk-nag and checkov demand caching; a stage without a cache cluster passes',
      yaml: `
Resources:
  Stage:
    Type: AWS::ApiGateway::Stage
    Properties:
      RestApiId: abc123
      DeploymentId: dep123
      StageName: prod
`,
    },
    {
      name: 'cache cluster with a stage-wide encrypted setting and an encrypted method override',
      yaml: `
Resources:
  Stage:
    Type: AWS::ApiGateway::Stage
    Properties:
      RestApiId: abc123
      CacheClusterEnabled: true
      CacheClusterSize: '0.5'
      MethodSettings:
        - HttpMethod: '*'
          ResourcePath: /*
          CachingEnabled: true
          CacheDataEncrypted: true
        - HttpMethod: POST
          ResourcePath: /~1search
          CachingEnabled: true
          CacheDataEncrypted: 'true'
`,
    },
    {
      name: 'cache cluster with stage-wide caching turned off',
      yaml: `
Resources:
  Stage:
    Type: AWS::ApiGateway::Stage
    Properties:
      RestApiId: abc123
      CacheClusterEnabled: 'true'
      MethodSettings:
        - HttpMethod: '*'
          ResourcePath: /*
          CachingEnabled: false
`,
    },
    {
      name: 'Deployment StageDescription encrypted, SAM Api encrypted through Globals, parameter default true',
      yaml: `
Transform: AWS::Serverless-2016-10-31
Parameters:
  Encrypt:
    Type: String
    Default: 'true'
Globals:
  Api:
    CacheClusterEnabled: true
    MethodSettings:
      - HttpMethod: '*'
        ResourcePath: /*
        CacheDataEncrypted: !Ref Encrypt
Resources:
  Dep:
    Type: AWS::ApiGateway::Deployment
    Properties:
      RestApiId: abc123
      StageName: prod
      StageDescription:
        CacheClusterEnabled: true
        CachingEnabled: true
        CacheDataEncrypted: true
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
`,
    },
  ],
  invalid: [
    {
      name: 'peer mistake: guard passes a cache cluster without MethodSettings (GET is cached by default)',
      yaml: `Resources:
  Stage:
    Type: AWS::ApiGateway::Stage
    Properties:
      RestApiId: abc123
      CacheClusterEnabled: true
`,
      findings: [{ messageId: 'stageCacheUnencrypted', path: [...S, 'CacheClusterEnabled'], severity: 'error', fix: 'safe' }],
      output: `Resources:
  Stage:
    Type: AWS::ApiGateway::Stage
    Properties:
      RestApiId: abc123
      CacheClusterEnabled: true
      MethodSettings:
        - ResourcePath: /*
          HttpMethod: '*'
          CacheDataEncrypted: true
`,
    },
    {
      name: 'method setting caches with encryption off; another without it',
      yaml: `
Resources:
  Stage:
    Type: AWS::ApiGateway::Stage
    Properties:
      RestApiId: abc123
      CacheClusterEnabled: true
      MethodSettings:
        - HttpMethod: '*'
          ResourcePath: /*
          CachingEnabled: false
        - HttpMethod: GET
          ResourcePath: /~1patients
          CachingEnabled: true
          CacheDataEncrypted: false
        - HttpMethod: GET
          ResourcePath: /~1labs
          CachingEnabled: true
`,
      findings: [
        { messageId: 'methodCacheUnencrypted', path: [...S, 'MethodSettings', 1, 'CacheDataEncrypted'], severity: 'error', fix: 'safe', message: 'GET /~1patients' },
        { messageId: 'methodCacheUnencrypted', path: [...S, 'MethodSettings', 2, 'CacheDataEncrypted'], severity: 'error', fix: 'safe' },
      ],
    },
    {
      name: 'a method override that leaves CacheDataEncrypted out is not assumed to inherit the stage-wide value',
      yaml: `
Resources:
  Stage:
    Type: AWS::ApiGateway::Stage
    Properties:
      RestApiId: abc123
      CacheClusterEnabled: true
      MethodSettings:
        - HttpMethod: '*'
          ResourcePath: /*
          CacheDataEncrypted: true
        - HttpMethod: POST
          ResourcePath: /~1search
          CachingEnabled: true
`,
      findings: [{ messageId: 'methodCacheUnencrypted', path: [...S, 'MethodSettings', 1, 'CacheDataEncrypted'], severity: 'error', fix: 'safe', message: 'POST /~1search' }],
    },
    {
      name: 'caching without a cache cluster is hardening',
      yaml: `
Resources:
  Stage:
    Type: AWS::ApiGateway::Stage
    Properties:
      RestApiId: abc123
      MethodSettings:
        - HttpMethod: GET
          ResourcePath: /~1labs
          CachingEnabled: true
`,
      findings: [{ messageId: 'cachingWithoutCluster', path: [...S, 'MethodSettings', 0, 'CacheDataEncrypted'], severity: 'warning', fix: 'safe' }],
    },
    {
      name: 'Deployment StageDescription with encryption off; SAM Api with a cache cluster from Globals',
      yaml: `
Transform: AWS::Serverless-2016-10-31
Globals:
  Api:
    CacheClusterEnabled: true
Resources:
  Dep:
    Type: AWS::ApiGateway::Deployment
    Properties:
      RestApiId: abc123
      StageName: prod
      StageDescription:
        CacheClusterEnabled: true
        CachingEnabled: true
        CacheDataEncrypted: false
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
`,
      findings: [
        { messageId: 'stageCacheUnencrypted', path: ['Resources', 'Dep', 'Properties', 'StageDescription', 'CacheDataEncrypted'], severity: 'error', fix: 'safe' },
        { messageId: 'stageCacheUnencrypted', path: ['Resources', 'Api', 'Properties', 'CacheClusterEnabled'], severity: 'error', fix: 'safe', message: 'Globals' },
      ],
    },
    {
      name: 'Fn::If over CacheDataEncrypted: only the false branch; parameter default false is fixed at the parameter',
      yaml: `
Parameters:
  Encrypt:
    Type: String
    Default: 'false'
    AllowedValues: ['true', 'false']
Conditions:
  Prod: !Equals [!Ref 'AWS::Region', us-east-1]
Resources:
  Stage:
    Type: AWS::ApiGateway::Stage
    Properties:
      RestApiId: abc123
      CacheClusterEnabled: true
      MethodSettings:
        - HttpMethod: '*'
          ResourcePath: /*
          CacheDataEncrypted: !If [Prod, true, false]
  Stage2:
    Type: AWS::ApiGateway::Stage
    Properties:
      RestApiId: abc123
      CacheClusterEnabled: true
      MethodSettings:
        - HttpMethod: '*'
          ResourcePath: /*
          CacheDataEncrypted: !Ref Encrypt
`,
      findings: [
        { messageId: 'stageCacheUnencrypted', path: [...S, 'MethodSettings', 0, 'CacheDataEncrypted', 'Fn::If', 2], severity: 'error', fix: 'safe', message: 'condition Prod is false' },
        { messageId: 'stageCacheUnencrypted', path: ['Resources', 'Stage2', 'Properties', 'MethodSettings', 0, 'CacheDataEncrypted'], severity: 'error', fix: 'safe', message: 'parameter Encrypt' },
      ],
    },
    {
      name: 'cache cluster from a parameter without Default, encryption imported: unverifiable',
      yaml: `
Parameters:
  Cache:
    Type: String
Resources:
  Stage:
    Type: AWS::ApiGateway::Stage
    Properties:
      RestApiId: abc123
      CacheClusterEnabled: !Ref Cache
  Stage2:
    Type: AWS::ApiGateway::Stage
    Properties:
      RestApiId: abc123
      CacheClusterEnabled: true
      MethodSettings:
        - HttpMethod: '*'
          ResourcePath: /*
          CacheDataEncrypted: !ImportValue encrypt-cache
`,
      findings: [
        { messageId: 'unverifiable', path: [...S, 'CacheClusterEnabled'], severity: 'info', message: 'parameter Cache' },
        { messageId: 'unverifiable', path: ['Resources', 'Stage2', 'Properties', 'MethodSettings', 0, 'CacheDataEncrypted'], severity: 'info', message: 'imported' },
      ],
    },
    {
      name: 'odd shapes do not crash',
      yaml: `
Resources:
  Stage:
    Type: AWS::ApiGateway::Stage
    Properties:
      RestApiId: abc123
      CacheClusterEnabled: true
      MethodSettings: not-a-list
  Dep:
    Type: AWS::ApiGateway::Deployment
    Properties:
      RestApiId: abc123
      StageDescription: [1, 2]
`,
      findings: [{ messageId: 'stageCacheUnencrypted', path: [...S, 'CacheClusterEnabled'], severity: 'error' }],
    },
  ],
});
