"""Where the large corpus comes from: one row per project, pinned (read by build_corpus.py).

Add rows here. A GitHub project is read from its snapshot under /work/.mirror (the `fetch` tool of
this workplace, or any folder of bare git clones named ``owner+name/repo``) at the pinned commit;
a PyPI project from its sdist at the pinned version (``pip download --no-deps --no-binary :all:``).
``notebooks`` are globs of candidate notebooks inside the project; which of them stay in the
corpus is decided by running them (see build_corpus.py), not by hand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Project:
    #: "owner/name" on GitHub, or "pypi:name" for an sdist.
    source: str
    #: The git commit (40 hex) or the sdist version.
    pin: str
    #: SPDX identifier of the license the files are under; NONE_STATED where the project states
    #: none: its files are then rebuild-only (listed in MANIFEST.tsv, never committed).
    license: str
    #: The license text inside the project (a path), or "README.md#license" where it is stated
    #: ("" where none is stated).
    license_file: str
    #: Globs (fnmatch, on paths inside the project) of candidate notebooks.
    notebooks: tuple[str, ...]
    #: Globs of notebooks left out on purpose (already in the public corpus, checkpoints).
    exclude: tuple[str, ...] = ("*/.ipynb_checkpoints/*",)
    #: Globs of files staged with every candidate: data a notebook finds at run time (a folder
    #: searched for, paths joined from a variable) rather than by a string literal naming it.
    data: tuple[str, ...] = ()


PUBLIC = "already in the public corpus"
NONE_STATED = "none stated"


def committed(project: Project) -> bool:
    """Whether the project's files may be committed under corpus/ (a license allows it); the
    others are rebuild-only: `build_corpus.py rebuild` writes them from the pinned snapshot."""
    return project.license != NONE_STATED


PROJECTS: tuple[Project, ...] = (
    Project(
        "jakevdp/WhirlwindTourOfPython",
        "6f1daf714fe52a8dde6a288674ba46a7feed8816",
        "CC0-1.0",
        "LICENSE",
        ("*.ipynb",),
        (
            "08-Defining-Functions.ipynb",
            "10-Iterators.ipynb",
            "12-Generators.ipynb",
            "15-Preview-of-Data-Science-Tools.ipynb",
        ),
    ),
    Project(
        "amueller/scipy-2017-sklearn",
        "e7d90ee4e382bebd44dfcea0042bca4698d8c57f",
        "CC0-1.0",
        "LICENSE",
        ("notebooks/*.ipynb",),
        tuple(f"notebooks/{n}*" for n in ("02.", "03.", "04.", "06.", "08.", "13.", "14.", "21.")),
    ),
    Project(
        "ageron/handson-ml3",
        "e3f3f9e66d58cfa1d068a498433063a1d3fba9ef",
        "Apache-2.0",
        "LICENSE",
        ("*.ipynb",),
        (
            "04_training_linear_models.ipynb",
            "extra_gradient_descent_comparison.ipynb",
            "tools_numpy.ipynb",
            "tools_pandas.ipynb",
        ),
    ),
    Project(
        "rasbt/mlxtend",
        "9aadcee334f8b07003246d436cd9135b6d62a6b2",
        "BSD-3-Clause",
        "LICENSE-BSD3.txt",
        ("docs/sources/user_guide/*/*.ipynb",),
    ),
    Project(
        "has2k1/plotnine-examples",
        "8d48830045b2d71f0c4139a75dc19bbb27ae2d18",
        "MIT",
        "LICENSE",
        ("plotnine_examples/*/*.ipynb",),
    ),
    Project(
        "norvig/pytudes",
        "414fe258a4181c2a819959d9a29bfcbe4c4b19c7",
        "MIT",
        "LICENSE",
        ("ipynb/*.ipynb",),
    ),
    Project(
        "mGalarnyk/Python_Tutorials",
        "d7b6219343a51caca93ca518716d59d7880bf6cf",
        "MIT",
        "LICENSE",
        ("*.ipynb", "*/*.ipynb", "*/*/*.ipynb", "*/*/*/*.ipynb"),
        ("*/.ipynb_checkpoints/*", "TensorFlow/*"),
    ),
    Project(
        "trekhleb/homemade-machine-learning",
        "7510d8e0648077f4acaac6080804c1f9dd588e91",
        "MIT",
        "LICENSE",
        ("notebooks/*/*.ipynb",),
    ),
    Project(
        "jakevdp/sklearn_tutorial",
        "5098cee2a638c56c311aca0c18987e407fe127fd",
        "BSD-3-Clause",
        "LICENSE",
        ("notebooks/*.ipynb",),
    ),
    Project(
        "rougier/numpy-100",
        "6447594ad639908dc979446a4ec7f0f2e62fb23b",
        "MIT",
        "LICENSE.txt",
        ("*.ipynb",),
    ),
    Project(
        "gboeing/pynamical",
        "1afd603ebcb535f0a0268da2866753cbc1aff37a",
        "MIT",
        "LICENSE.txt",
        ("examples/*.ipynb",),
    ),
    Project(
        "jrjohansson/scientific-python-lectures",
        "a2a76136ac06ff5fa91343ae095f1223c914d944",
        "CC-BY-3.0",
        "README.md#license",
        ("*.ipynb",),
    ),
    Project(
        "fonnesbeck/statistical-analysis-python-tutorial",
        "4a2444f6f677b24e62f4db94d96846d5ca9868e1",
        "CC-BY-4.0",
        "README.md#license",
        ("*.ipynb",),
    ),
    Project(
        "ploomber/projects",
        "c3d8c2f76489b543b0fafc792370741ae340652b",
        "Apache-2.0",
        "LICENSE",
        ("*/*.ipynb", "*/*/*.ipynb", "*/*/*/*.ipynb", "*/*/*/*/*.ipynb"),
    ),
    Project(
        "pypi:control",
        "0.10.2",
        "BSD-3-Clause",
        "LICENSE",
        ("examples/*.ipynb", "doc/examples/*.ipynb"),
    ),
    Project(
        "AllenDowney/ModSimPy",
        "864b94cc1f8c28150b872da1ae01cda43f480d6e",  # 2021: jupyter/modsim.py beside the chapters
        "MIT",
        "LICENSE",
        ("jupyter/*.ipynb",),
    ),
    Project(
        "gjbex/Python-for-data-science",
        "19ad3bc6024c35549b4ffb93d93c680eec99440b",
        "CC-BY-4.0",
        "LICENSE",
        ("source-code/*.ipynb", "source-code/*/*.ipynb", "source-code/*/*/*.ipynb"),
    ),
    Project(
        "gjbex/Scientific-Python",
        "0fd5289b29bd14bc1832e425f98ae7bdc155eb9a",
        "CC-BY-4.0",
        "LICENSE",
        ("source-code/*.ipynb", "source-code/*/*.ipynb", "source-code/*/*/*.ipynb"),
    ),
    Project(
        "gjbex/Python-software-engineering",
        "dfb14dd0459d133ac5e68e5ac91347a52c3f5c42",
        "CC-BY-4.0",
        "LICENSE",
        ("source-code/*.ipynb", "source-code/*/*.ipynb", "source-code/*/*/*.ipynb"),
    ),
    Project(
        "gjbex/Jupyter-notebooks",
        "7ab111e84abd5aef3117c97503b7ab1171836b5a",
        "CC-BY-4.0",
        "LICENSE",
        ("examples/*/*.ipynb",),
    ),
    Project(
        "rouseguy/intro2stats",
        "1c3c89725ede55fdb4af6e0b846888a2d664a211",
        "CC-BY-4.0",
        "README.md#license",
        ("notebooks/*.ipynb",),
    ),
    Project(
        "CamDavidsonPilon/lifelines",
        "ad023a013edaff89926ec118b16d4a0d644db9b5",
        "MIT",
        "LICENSE",
        ("examples/*.ipynb", "docs/jupyter_notebooks/*.ipynb", "experiments/*.ipynb"),
    ),
    Project(
        "JWarmenhoven/ISLR-python",
        "4100e941914519eea18385daadc9b3dab99ca8e2",
        "MIT",
        "LICENSE.md",
        ("Notebooks/*.ipynb",),
    ),
    Project(
        "a-martyn/ISL-python",
        "ee156568a8f7307be71dad5390bae12b51dcd93f",
        "MIT",
        "LICENSE",
        ("Notebooks/*.ipynb",),
    ),
    Project("pypi:emcee", "3.1.6", "MIT", "LICENSE", ("docs/tutorials/*.ipynb",)),
    # issue #9, second round: what users convert (EDA of a CSV, cleaning, groupby/merge/pivot,
    # dates, seaborn, scikit-learn train/test + metrics, statsmodels formulas, pandas recipes)
    Project(
        "ajcr/100-pandas-puzzles",
        "457b15f1efc127c6df5171bae34332838a9ffcb0",
        "MIT",
        "LICENSE",
        ("*.ipynb",),
    ),
    Project(
        "agconti/kaggle-titanic",
        "a7bbe5952178c669bf0c0d590b72036c0174c19f",
        "Apache-2.0",
        "LICENSE",
        ("*.ipynb",),
    ),
    Project(
        "PacktPublishing/Pandas-Cookbook",
        "e3bfd0750df01b30eb778b86f5314f2a1f2eacb0",
        "MIT",
        "LICENSE",
        ("*.ipynb",),
    ),
    Project(
        "PacktPublishing/Pandas-Cookbook-Second-Edition",
        "a6d073dec8ec02d1cbf3bb9fa1e1f2655cef7bb5",
        "MIT",
        "LICENSE",
        ("Chapter*/*.ipynb",),
    ),
    Project(
        "PacktPublishing/Python-Data-Analysis-Third-Edition",
        "3a442cc8a2a3b5ece3df9f30c126f937d3fa5152",
        "MIT",
        "LICENSE",
        ("Chapter*/*.ipynb",),
        ("*/.ipynb_checkpoints/*", "*-Copy1.ipynb"),
    ),
    Project(
        "jakevdp/PythonDataScienceHandbook",
        "d66231454ef753818dc9213c9b5942e067266966",
        "MIT",
        "LICENSE-CODE",
        ("notebooks/03.*.ipynb", "notebooks/04.*.ipynb", "notebooks/05.*.ipynb"),
    ),
    Project(
        "nitya/pydata-analysis-workshop",
        "12ede45d461fe8272aad9eb1a0fe605bc460532c",
        "MIT",
        "LICENSE",
        ("*/*.ipynb",),
    ),
    Project(
        "PacktPublishing/Exploratory-Data-Analysis-with-Python-Cookbook",
        "2ab376175c0cf8bc368c986484e862fa3a5ba319",
        "MIT",
        "LICENSE",
        ("Ch*/*.ipynb",),
    ),
    Project(
        "PacktPublishing/Hands-On-Data-Preprocessing-in-Python",
        "0f5499464b39493cc935d4949c4c8c1786a66e68",
        "MIT",
        "LICENSE",
        ("Chapter*/*.ipynb",),
    ),
    Project(
        "marcvdijk/data_analysis_with_python",
        "c9485b996eeaccfd1fe8405d23bd89da5adce868",
        "Apache-2.0",
        "LICENSE",
        ("src/*.ipynb",),
    ),
    Project("pypi:lmfit", "1.3.4", "BSD-3-Clause", "LICENSE", ("examples/*.ipynb",)),
    # issue #9, third round: small student and analyst projects (EDA of a Kaggle-style CSV,
    # cleaning, HR attrition, churn, loans, a course's weekly notebooks); most state no license:
    # rebuild-only (see `committed`)
    Project(
        "olaoluwaoyebola/python-data-analysis-course",
        "2e90e7646036192110ea3125b2dac42c91eea37e",
        "MIT",
        "LICENSE",
        ("Month_*/Week_*/*/*.ipynb",),
    ),
    Project(
        "AMBOT-pixel96/hr-tech-portfolio",
        "fbd0e4b3bdfed91f64d298713ed8df826cae9caf",
        NONE_STATED,
        "",
        ("notebooks/*.ipynb", "notebooks/*/*.ipynb", "sidequests/*.ipynb", "models/*.ipynb"),
    ),
    Project(
        "sammapesa-maker/CUSTOMER-DATA-PROJECT",
        "ec4eb32a558ca581a786a5a1db95102ec39abcfc",
        NONE_STATED,
        "",
        ("notebooks/*.ipynb",),
    ),
    Project(
        "TSK06/PRODIGY_DS_02",
        "1190b89203be0cdcbc76d6efb03ca60826874691",
        NONE_STATED,
        "",
        ("*.ipynb",),
    ),
    Project(
        "rajaryansay/Customer-Churn-Prediction-",
        "3adf25e275ea9fad412fa52b99918cdf2ab4d7af",
        NONE_STATED,
        "",
        ("*.ipynb",),
    ),
    Project(
        "tanayadutt/Data-Projects-Tanaya-Dutt-",
        "6695b2aa8503dda45d8a64a42fbee1e7ba1c4854",
        NONE_STATED,
        "",
        ("*.ipynb",),
    ),
    Project(
        "subhaan1122/Employee-Retention-Prediction-Using-Logistic-Regression",
        "97faaa5cc8943876e27a80487513295ae1db5c4f",
        NONE_STATED,
        "",
        ("*.ipynb",),
    ),
    Project(
        "AnuragSaish23/bank-loan-analytics",
        "ac75f37ec706ae43b96569e349ca41207edb437d",
        NONE_STATED,
        "",
        ("notebooks/*.ipynb",),
    ),
    Project(
        "faizulkhan56/python-eda-discovery",
        "52cf5a1884a70a6f7fe3a1214a578ab46729b044",
        NONE_STATED,
        "",
        ("notebooks/*.ipynb",),
    ),
    Project(
        "fullstackattack/python-portfolio",
        "76d24bfad5e649080e12b15c6cec39371b836dee",
        NONE_STATED,
        "",
        ("*/*/notebooks/*.ipynb",),
    ),
    Project(
        "AfzaliMahsa/Sales-data-cleaning",
        "48de2dd199caade44a7080d3a4cba29d4e5f7499",
        NONE_STATED,
        "",
        ("notebooks/*.ipynb",),
    ),
    Project(
        "Abhinav200418/Used-Car-Price-Analysis",
        "dc1cb38c25eeba0d262904998d65a8b54be95146",
        NONE_STATED,
        "",
        ("notebooks/*.ipynb",),
    ),
    Project(
        "AdityaSharma2106/Ecommerce-Sales-Analysis",
        "036ff16548fc30c7464fa0b09e2c36766ea4d37c",
        NONE_STATED,
        "",
        ("notebooks/*.ipynb",),
    ),
    Project(
        "Abhiram473/sales-performance-dashboard",
        "1231d71cdb6d65249bdbf7280eed9a0ad986a0e2",
        NONE_STATED,
        "",
        ("notebooks/*.ipynb",),
    ),
    Project(
        "AnalyticAdventurer/Supermarket_Sales_Dashboard",
        "bcc6947d6cb77903f316300279e8eb3ff4a2b753",
        NONE_STATED,
        "",
        ("notebooks/*.ipynb",),
    ),
    Project(
        "Anjali0830/Retail-Analytics-Project",
        "b872f748ed02ebe4bb8c50d56c9f050d2aaeaab8",
        NONE_STATED,
        "",
        ("notebooks/*.ipynb",),
    ),
    Project(
        "AkshilShah21/pay_scale",
        "1e62cc37cbccf08b7c4782538cc03637be75a603",
        NONE_STATED,
        "",
        ("notebooks/*.ipynb",),
    ),
    Project(
        "00nel/diamonds-analysis",
        "821c9e707d497d64ce5cc269719b8e7353927eae",
        NONE_STATED,
        "",
        ("notebooks/*.ipynb",),
    ),
    Project(
        "0-Justin-ng/job-stats-analysis",
        "e585bf3b166a1df3e89e4bd463b72de3244912a0",
        NONE_STATED,
        "",
        ("notebooks/*.ipynb",),
    ),
    Project(
        "29swastik/titanic-kaggle",
        "9c3dde7c84aca2db3cb5ce395719ca18e3a91975",
        NONE_STATED,
        "",
        ("notebooks/*.ipynb",),
    ),
    Project(
        "A1b3rt0M3rcad0/car_sales_project",
        "d8a57dc3fbe5ba6dd4046e0d3c7673bad25fa127",
        "MIT",
        "LICENSE",
        ("notebooks/*.ipynb",),
    ),
    Project(
        "7empUser/housesPrices",
        "1bc59693b1a108f4059468ad8ee4c67adadf64ba",
        "MIT",
        "LICENSE",
        ("notebooks/*.ipynb",),
    ),
    Project(
        "AA2026/lab-5-eda",
        "feea0b6b8fdde8d1106c2f1a955dfe01bde16bf8",
        NONE_STATED,
        "",
        ("notebooks/*.ipynb",),
    ),
    Project(
        "1hatemalharbi-rgb/week2_project",
        "c61a5cb16ab3118a8759e6645fff1f96836918a1",
        NONE_STATED,
        "",
        ("notebooks/*.ipynb",),
    ),
    Project(
        "1210lfo/Telco-Customer-Churn",
        "191942cff87f6fd9ec00c892e8b77c412e60192b",
        NONE_STATED,
        "",
        ("notebooks/*.ipynb",),
    ),
    Project(
        "9bishal/customer-churn-prediction",
        "cf23d4ece42ab1727773fc94c6a68903fa018f26",
        NONE_STATED,
        "",
        ("notebooks/*.ipynb",),
    ),
    Project(
        "juliocymartins/churn-prediction-project",
        "fbfbd3a0c892a5fbeb9d6fbef70273470611fe5c",
        NONE_STATED,
        "",
        ("notebooks/*.ipynb",),
    ),
)

#: Code that reaches the network at run time: such notebooks are left out before running them.
#: (A download that slips through fails anyway: the machine is offline; this only saves time.)
NETWORK = re.compile(
    r"urlopen|urlretrieve|requests\.(get|post)\(|\bfetch_\w+\(|load_dataset\(|\bwget\b|\bcurl\b"
    r"|pip install|conda install|keras\.datasets|tfds\.load|hf_hub_download"
    r"|\(\s*['\"]https?://[^'\"]+\.(csv|tsv|txt|data|json|zip|gz|xlsx?|parquet)['\"]"
)

#: Imports that name a package the corpus cannot have here (GPU stacks, network clients).
NOT_OFFLINE = frozenset({"tensorflow", "torch", "keras", "pyspark", "boto3", "google", "mlflow"})

# Library examples (issue #9, libex): sphinx-gallery scripts (`.py`) and notebooks shipped in the
# sdists, run offline here; none from the libraries kept for the independent check.
PROJECTS += (
    Project(
        "pypi:networkx",
        "3.6.1",
        "BSD-3-Clause",
        "LICENSE.txt",
        ("examples/algorithms/*.py", "examples/basic/*.py"),
    ),
    Project(
        "pypi:seaborn",
        "0.13.2",
        "BSD-3-Clause",
        "LICENSE.md",
        ("examples/*.py", "doc/_docstrings/*.ipynb", "doc/_tutorial/*.ipynb"),
    ),
    Project("pypi:imbalanced-learn", "0.14.2", "MIT", "LICENSE", ("examples/*/*.py",)),
    Project(
        "raphaelvallat/pingouin",
        "14994d6e77545823bb5e0c435649ec3574d5f585",
        "GPL-3.0-only",
        "LICENSE",
        ("notebooks/*.ipynb",),
    ),
)

# Fourth round (corpus4): course material and student/analyst projects of the kind the held-out
# set has (pandas EDA over CSVs, cleaning, RFM, sklearn workflows, pipelines and grid search).
PROJECTS += (
    Project(
        "mrdbourke/zero-to-mastery-ml",
        "81492352d12d7a52caef57bba7744cbdc34af33f",
        NONE_STATED,
        "",
        (
            "section-2-data-science-and-ml-tools/*.ipynb",
            "section-3-structured-data-projects/*.ipynb",
        ),
        ("*/.ipynb_checkpoints/*", "*bulldozer*"),
    ),
    Project(
        "amueller/introduction_to_ml_with_python",
        "ea60cf6cf791553b6cca7cf31802c68cb3798ebb",
        NONE_STATED,
        "",
        ("0*.ipynb",),
    ),
    Project(
        "quilla3/data-analytics-portfolio",
        "81f72c0f7284ac26cb9287cd11200a695477710a",
        NONE_STATED,
        "",
        ("*/notebook.ipynb",),
    ),
    Project(
        "AbuHozaifa-dataanalyst/rfm-customer-segmentation",
        "7de78d67df232fd6a1e79b28939d58d38f774361",
        NONE_STATED,
        "",
        ("notebooks/*.ipynb",),
    ),
    Project(
        "20hnu/EDA_Customer_churn",
        "e7ac56f61c782c7ff5303c6a7cbfb120fbf9f5e7",
        "Apache-2.0",
        "LICENSE",
        ("notebooks/*.ipynb",),
    ),
    Project(
        "20hnu/EDA_Transaction_dataset",
        "bd34ecbbf15b8aae452ca29cab775939a2c1f2a5",
        "Apache-2.0",
        "LICENSE",
        ("notebooks/*.ipynb",),
    ),
    Project(
        "Abdur-roheem/Cusomer-Support-Perfomance-Analysis",
        "bdd770e1731e9a70ae822cd50297cd64ebc62d60",
        "Apache-2.0",
        "LICENSE",
        ("notebooks/*.ipynb",),
    ),
    Project(
        "A-SHI-M/Customer-Segmentation",
        "a8802443489e3f052eacc84073d47cd35e02f37c",
        "MIT",
        "LICENSE",
        ("notebooks/*.ipynb",),
    ),
    Project(
        "vishnuraosharma/exploratory-data-analysis",
        "eca632a51e47a5bb09c641e7bdc98544984e24d8",
        NONE_STATED,
        "",
        ("Kcal Predictions/*.ipynb",),
    ),
    Project(
        "Akshat-sys01/house-price-prediction",
        "d33b6cbe7864338d79c1945ae5c2b4aa618f91b5",
        NONE_STATED,
        "",
        ("notebooks/*.ipynb",),
    ),
    Project(
        "03abhishekit/DIAMOND-PRICE-PREDICTION",
        "b4480735cee170289dc1ab61caa08e1f77763a5a",
        NONE_STATED,
        "",
        ("notebooks/*.ipynb",),
    ),
    Project(
        "2611ansh/predict-bank-credit-risk",
        "9d97dc80b37a1ae5a06dba54b8d513bb3cfc1e2f",
        NONE_STATED,
        "",
        ("notebooks/*.ipynb",),
    ),
    Project(
        "justmarkham/pycon-2016-tutorial",
        "5339710562cc46c4a32a369d63f1e8751a18a54e",
        NONE_STATED,
        "",
        ("tutorial.ipynb", "exercise_solution.ipynb"),
    ),
    Project(
        "KeithGalli/Pandas-Data-Science-Tasks",
        "8b511cdf8aeea304bb64710784db29548414b736",
        NONE_STATED,
        "",
        ("SalesAnalysis/*.ipynb",),
    ),
    Project(
        "donnemartin/data-science-ipython-notebooks",
        "5b3c00d462c6e9200315afe46d0093948621eb95",
        # Its LICENSE mixes Apache-2.0 (its notebooks) and third parties' licenses: rebuild-only.
        NONE_STATED,
        "",
        (
            "analyses/*.ipynb",
            "kaggle/*.ipynb",
            "scikit-learn/*.ipynb",
            "scipy/*.ipynb",
            "pandas/pandas.ipynb",
            "numpy/numpy.ipynb",
            "matplotlib/matplotlib*.ipynb",
            "python-data/*.ipynb",
        ),
    ),
    Project(
        "prakharrathi25/Data-Science-Winter-Bootcamp",
        "6c32b57d6490fbe63d580aba3fe7ed35e40369e5",
        NONE_STATED,
        "",
        ("Notebooks/Day*.ipynb",),
    ),
    Project(
        "Ninotd/data-corrige",
        "bb8288a3863dd514cd885300ab897268c4d565db",
        NONE_STATED,
        "",
        ("Correction_*.ipynb",),
    ),
    Project(
        "Cyberoctane29/Python-For-Data-Analysis",
        "59d4abe2e7576c46693622d307f9924bcb76b8c4",
        NONE_STATED,
        "",
        ("Course-*/Module_*/*.ipynb",),
    ),
    Project(
        "ankusht2307/AI_ML-Tutorials",
        "fb1ae9763bf946a2131667d5498b4d04786093e1",
        NONE_STATED,
        "",
        ("session*/*.ipynb", "session*/*/*.ipynb"),
    ),
    Project(
        "svinnapolean/Titanic-Survival-Prediction",
        "6da94852ccc07894518ab297d901bf6efe9b9c27",
        NONE_STATED,
        "",
        ("*.ipynb",),
    ),
    Project(
        "Soofiyan/Data-Analysis-using-python",
        "529bcd81568d709b9b53b926dbe16c02bcbfc0b1",
        NONE_STATED,
        "",
        ("*.ipynb",),
    ),
    Project(
        "shraddhaj99/Jovian_Data-Analysis-with-Python",
        "15a9c166ec92aa46bdbe01f538d6c0bd6bb35d8b",
        NONE_STATED,
        "",
        ("*.ipynb",),
    ),
)

# Fifth round (corpus5): breadth over new owners: Kaggle-style feature engineering across
# notebooks that hand CSVs to each other, time series (resample, rolling, shift, statsmodels),
# statistics books, course notebooks of cleaning and EDA, sklearn evaluation lectures.
PROJECTS += (
    Project(
        "krishnaik06/Advanced-House-Price-Prediction-",
        "92cc6f59c373afd965bdadf3568c597926295c44",
        NONE_STATED,
        "",
        ("*.ipynb",),
    ),
    Project(
        "krishnaik06/Feature-Engineering-Live-sessions",
        "67e6a4ded31df254ec8a6a3d55951d524a3e0df5",
        NONE_STATED,
        "",
        ("*.ipynb",),
    ),
    Project(
        "gedeck/practical-statistics-for-data-scientists",
        "62bfedf0dd3b0905513e1639754626a6b625d64d",
        "GPL-3.0-only",
        "LICENSE",
        ("python/notebooks/*.ipynb",),
        data=("data/*", "python/notebooks/common.py"),
    ),
    Project(
        "PlayingNumbers/ds_salary_proj",
        "c8ab2c5629a4ba02809a708346fe826b50908c1f",
        NONE_STATED,
        "",
        ("*.ipynb",),
        exclude=(".ipynb_checkpoints/*",),
    ),
    Project(
        "tdpetrou/Learn-Pandas",
        "35292363acb033419c02d9bbfba8af166167dced",
        "BSD-3-Clause",
        "LICENSE",
        ("*.ipynb", "*/*.ipynb", "*/*/*.ipynb"),
    ),
    Project(
        "marcopeix/TimeSeriesForecastingInPython",
        "84ede361a2883d2a675ccaab559459a91a67e88b",
        "Apache-2.0",
        "LICENSE.txt",
        ("CH0*/CH0?.ipynb", "CH1[0-2]/CH1?.ipynb", "CH12/CH12 - preprocessing.ipynb"),
    ),
    Project(
        "ine-rmotr-curriculum/FreeCodeCamp-Pandas-Real-Life-Example",
        "e3fba84887e64cdb964579df4cda29cc244f61a0",
        NONE_STATED,
        "",
        ("*.ipynb",),
    ),
    Project(
        "ine-rmotr-curriculum/data-cleaning-rmotr-freecodecamp",
        "4e3b839b7135b96676b1335ffb3022c650d6f630",
        NONE_STATED,
        "",
        ("*.ipynb",),
    ),
    Project(
        "KeithGalli/complete-pandas-tutorial",
        "a45fad77f8791a639f0de52a7b169cb65a1482a2",
        "MIT",
        "LICENSE",
        ("*.ipynb",),
    ),
    Project(
        "KeithGalli/matplotlib_tutorial",
        "71bb5526909490803c20efacb14fe49ae9a727e0",
        NONE_STATED,
        "",
        ("*.ipynb",),
    ),
    Project(
        "KeithGalli/pandas",
        "d0025fc924d0eb00aa65a157e5086001fda0b780",
        NONE_STATED,
        "",
        ("*.ipynb",),
    ),
    Project(
        "ritvikmath/Time-Series-Analysis",
        "6bfd2daff661a21d47e518ebb66bb0bbfd8f2462",
        NONE_STATED,
        "",
        ("*.ipynb",),
    ),
    Project(
        "PacktPublishing/Time-Series-Analysis-with-Python-Cookbook",
        "14b7c706c8d3c30980018c14137f9fbf54220dec",
        NONE_STATED,
        "",
        ("code/Ch?/Chapter ?.ipynb", "code/Ch1?/Chapter 1?.ipynb"),
    ),
    Project(
        "PacktPublishing/Hands-on-Exploratory-Data-Analysis-with-Python",
        "1ecc3cc761f83e5ad3debe544a870d5f9f80e471",
        "MIT",
        "LICENSE",
        ("*/*.ipynb",),
    ),
    Project(
        "rasbt/stat451-machine-learning-fs20",
        "51ae6db167ec9ccae555e973179c31be0d111804",
        NONE_STATED,
        "",
        ("L*/*.ipynb", "L*/code/*.ipynb"),
    ),
)

# Fifth round, continued: small single-topic projects and course lessons (Flatiron School's
# lessons state their own educational-content license, not an SPDX one: rebuild-only).
PROJECTS += (
    Project(
        "jiwidi/time-series-forecasting-with-python",
        "3a9133af1a32c8065868f6017501a4ea65b6c04c",
        NONE_STATED,
        "",
        ("*.ipynb",),
    ),
    Project(
        "Shreyas3108/house-price-prediction",
        "832e91e7ee468c8b39874e0aa67288c5051271f1",
        NONE_STATED,
        "",
        ("*.ipynb",),
    ),
    Project(
        "kb22/Heart-Disease-Prediction",
        "dbd27c35db3a128f7f87a2d1b8200f1f14e4affb",
        "MIT",
        "LICENSE",
        ("*.ipynb",),
    ),
    Project(
        "KeithGalli/sklearn",
        "80cd29880fb6a90325f87345ceb95c5d39a99736",
        NONE_STATED,
        "",
        ("*.ipynb",),
    ),
    Project(
        "rasbt/machine-learning-book",
        "35ab3774e8e249c43a98209d8efd94c060102003",
        "MIT",
        "LICENSE.txt",
        ("ch0[2-9]/ch0?.ipynb", "ch1[01]/ch1?.ipynb"),
    ),
    Project(
        "learn-co-curriculum/dsc-arma-models-statsmodels",
        "066168bc0cfe745e175c50b3500dc941abcd0350",
        NONE_STATED,
        "",
        ("index.ipynb",),
    ),
    Project(
        "learn-co-curriculum/dsc-feature-selection-methods",
        "efeacb062c2104ec75789207cd60efbb4a6ba3f4",
        NONE_STATED,
        "",
        ("index.ipynb",),
    ),
    Project(
        "learn-co-curriculum/dsc-pickling-pipelines",
        "6d3ec4477899f241f882350119fe6e60f85f7a01",
        NONE_STATED,
        "",
        ("index.ipynb",),
    ),
    Project(
        "learn-co-curriculum/dsc-regression-model-validation",
        "f8147f8cb99da8e921f9ee281912735b73991936",
        NONE_STATED,
        "",
        ("index.ipynb",),
    ),
    Project(
        "learn-co-curriculum/dsc-decision-trees-with-sklearn-codealong",
        "960acf467b71c8bc3041cad13d419634c83bcda6",
        NONE_STATED,
        "",
        ("index.ipynb",),
    ),
    Project(
        "learn-co-curriculum/dsc-statistical-power",
        "3ce577ae314578e2b85689ca1255ef394d22ce4a",
        NONE_STATED,
        "",
        ("index.ipynb",),
    ),
    Project(
        "learn-co-curriculum/dsc-hierarchical-agglomerative-clustering-codealong",
        "a7d28c8f96b00105210dcf06dd00de724fd57b2f",
        NONE_STATED,
        "",
        ("index.ipynb",),
    ),
    Project(
        "learn-co-curriculum/dsc-correlation-covariance",
        "bd9f19a634162d3284e222fa93edc26e149c16e8",
        NONE_STATED,
        "",
        ("index.ipynb",),
    ),
)

# Fifth round, last additions: time-series and ML-course chapters with their data in the repository.
PROJECTS += (
    Project(
        "PacktPublishing/Practical-Time-Series-Analysis",
        "9105e30913239f81ebd79e6812370797bf63cf9b",
        "MIT",
        "LICENSE",
        ("Chapter0[12]/*.ipynb",),
    ),
    Project(
        "alexeygrigorev/mlbookcamp-code",
        "db3a803512b2c2ee51e818f2a9a12223ff2bf356",
        NONE_STATED,
        "",
        ("appendix-[cd]-*.ipynb", "chapter-0[236]-*/*.ipynb"),
    ),
)

# Fifth round: Flatiron School labs whose default branch holds the solved notebook (rebuild-only;
# labs found unsolved there, code cells left empty for students, are not listed).
PROJECTS += (
    Project(
        "learn-co-curriculum/dsc-pivot-tables-pandas-lab",
        "8a213e73d34be4227b01a7c676f4552c7871118b",
        NONE_STATED,
        "",
        ("index.ipynb",),
    ),
    Project(
        "learn-co-curriculum/dsc-pandas-data-cleaning-lab",
        "a64e45b9627a0ac612635d1d9de34594bc54dcd4",
        NONE_STATED,
        "",
        ("index.ipynb",),
    ),
    Project(
        "learn-co-curriculum/dsc-anova-lab",
        "1072b4487a1f3004fd78f3c004996c625a21196a",
        NONE_STATED,
        "",
        ("index.ipynb",),
    ),
    Project(
        "learn-co-curriculum/dsc-logistic-regression-lab",
        "5f3343d8b4090a0dce063cfe9f2ee4a7c29c9ef2",
        NONE_STATED,
        "",
        ("index.ipynb",),
    ),
    Project(
        "learn-co-curriculum/dsc-pandas-eda-lab",
        "b212aa80abc475a780fe043ca46165125fb02a6c",
        NONE_STATED,
        "",
        ("index.ipynb",),
    ),
)

# Fifth round: student EDA projects (sales, apps, vehicles, HR) and a course's lessons.
PROJECTS += (
    Project(
        "5hraddha/netflix-movies-tvshows-analysis",
        "a4b45ebd38de52df141aa38ef667094b5d3d9004",
        NONE_STATED,
        "",
        ("notebooks/*.ipynb",),
    ),
    Project(
        "AliSK81/google-playstore-analysis",
        "2d85b41a47dc217d05fc76b96502472b36b01e64",
        NONE_STATED,
        "",
        ("notebooks/*.ipynb",),
    ),
    Project(
        "harshasrivaddem/HR-Regression",
        "01d1d6a2501dee824f00593a4580ea2e75591d29",
        NONE_STATED,
        "",
        ("*.ipynb",),
    ),
    Project(
        "Dharshan1105/superstore-sales-analysis",
        "d139c9140230c05af6569a2a38564568605a6fbc",
        NONE_STATED,
        "",
        ("Notebook/*.ipynb",),
    ),
    Project(
        "AndreiP93/Superstore-Sales-Dataset",
        "7798829b199f4797ea01636867d0256576cfb866",
        NONE_STATED,
        "",
        ("*.ipynb",),
    ),
    Project(
        "Prakash-Saha10/Superstore_sales_data_analysis-",
        "a512273156e5177e6c674ffe086ba9bd0d23e431",
        NONE_STATED,
        "",
        ("*.ipynb",),
    ),
    Project(
        "1981-desing/vehicles-analysis",
        "a2f39e8612f013cf913a2fd2f98d7f5dbaf2585e",
        NONE_STATED,
        "",
        ("notebooks/*.ipynb",),
    ),
    Project(
        "5alPastor/proyecto_5_vehiculos_us",
        "f367bedd36b02ff6a62c4746aeb2e6cf1675e540",
        NONE_STATED,
        "",
        ("notebooks/*.ipynb",),
    ),
    Project(
        "AarohiAnalyzes/Python-for-Data-Analysis",
        "95eb6827d293f2ade4bda2e664e478d124cc08b5",
        NONE_STATED,
        "",
        ("Module*/Lesson*/*.ipynb",),
    ),
)

# Fifth round: Flatiron School lessons (complete code) and solved labs (rebuild-only).
PROJECTS += (
    Project(
        "learn-co-curriculum/dsc-linear-regression-from-scratch",
        "104a67cd4964a04893652de833da1bdb428d834c",
        NONE_STATED,
        "",
        ("index.ipynb",),
    ),
    Project(
        "learn-co-curriculum/dsc-probability-density-function",
        "45b0e8736d7e2ffc178f695beaa8ba4ca04b2fe7",
        NONE_STATED,
        "",
        ("index.ipynb",),
    ),
    Project(
        "learn-co-curriculum/dsc-multicollinearity-of-features-lab",
        "53111aaa1f50ff88a7faa28981524bda43c2c42c",
        NONE_STATED,
        "",
        ("index.ipynb",),
    ),
)

# Fifth round: more solved Flatiron School labs (rebuild-only).
PROJECTS += (
    Project(
        "learn-co-curriculum/dsc-cross-validation-lab",
        "9ac04e45629233e2551fd9100c909567d0de53b0",
        NONE_STATED,
        "",
        ("index.ipynb",),
    ),
)

# Sixth round (corpus6): course homework, bootcamp lessons and analysts' portfolios of new owners
# (pandas EDA, dates and resampling, merges, A/B tests, sklearn pipelines); rebuild-only unless a
# license is named.
PROJECTS += (
    Project(
        "um-perez-alvaro/Data-Science-Practice-bis",
        "3fceb3530072012edf86bdb72b5f5a13eb8f00af",
        NONE_STATED,
        "",
        (
            "Pandas and Matplotlib/Part *.ipynb",
            "Pandas and Matplotlib/Homework/Practice *.ipynb",
            "Regression/Predicting Bicycle Traffic.ipynb",
            "Classification/Part III. Grid Search.ipynb",
            "Classification/Part VI. Pipeline.ipynb",
        ),
    ),
    Project(
        "elenab/minimally-sufficient-pandas",
        "a7a648db0c6b855491cb3d92b0c0c98de42e8fd2",
        NONE_STATED,
        "",
        ("*/*.ipynb",),
    ),
    Project(
        "RBSantigari-MITB/Rajesh-Data-Science-Portfolio",
        "efd5692206414632b9df0da39ab1f409ae11e94a",
        NONE_STATED,
        "",
        ("Housing-price-prediction/*.ipynb", "Retail_Sales_Forecasting/*.ipynb"),
    ),
    Project(
        "michaelprinc/Python",
        "fbbef39e6ef57e91476e0f19a31a6d5d04885398",
        "GPL-3.0",
        "LICENSE",
        ("Cognitive_class_*.ipynb", "kaggle_exercise.ipynb", "codecademy.ipynb"),
    ),
    Project(
        "Vishnupriya2208/Bootcamp",
        "34b2858b943f7cc1af45559d002144b49796be1d",
        NONE_STATED,
        "",
        ("day3/*/*.ipynb", "day4/*/*.ipynb", "day 7/*/*.ipynb"),
    ),
    Project(
        "brown-ccv/ccv-bootcamp-python-2024",
        "fd389c929f2303c5aaf3e4cdeeaf92e080dfb1dc",
        "MIT",
        "LICENSE",
        ("notebooks/*.ipynb",),
    ),
    Project(
        "parabamoghv/Erdos_AU2024_copy",
        "7e90f383a9d23cf4795fc784b3718a623b4c8279",
        "ECL-2.0",
        "LICENSE",
        (
            "02_regression_I/lecture/3_*_Complete.ipynb",
            "03_regression_II/lecture/1_*_Complete.ipynb",
            "03_regression_II/lecture/4_*_Complete.ipynb",
            "07_time_series_I/lecture_6/2_*_Complete.ipynb",
            "08_classification_I/lecture/1_*_Complete.ipynb",
            "08_classification_I/lecture/3_*_Complete.ipynb",
        ),
    ),
    Project(
        "ProNomanRizvi/pandas-data-analysis",
        "c4c8b00b0ed08b5809c4cdc4a2f87eadf036dbff",
        NONE_STATED,
        "",
        ("Day_*/*.ipynb",),
    ),
    Project(
        "NikStef/NlS-Pandas",
        "6bbb0053b08b377e63ce217d27a67520ec12bff0",
        NONE_STATED,
        "",
        ("*.ipynb",),
    ),
    Project(
        "krohartem1/data-analysis-projects",
        "0e9915ad0f1473e00c52e549737ec466aabe2c7e",
        NONE_STATED,
        "",
        (
            "Carpov_course/notebooks/*.ipynb",
            "Simulative_course/notebooks/*.ipynb",
            "my_analystics_project/*/notebooks/*.ipynb",
        ),
    ),
    Project(
        "ornelagolloshi25/data-analysis-projects",
        "d90c73b1ce7b601d0756821af409005b834901b2",
        NONE_STATED,
        "",
        ("*/exercises/*.ipynb", "*/exercises/Solutions/*.ipynb", "*/studio/*.ipynb", "*/studio/*/*.ipynb"),
    ),
    Project(
        "WalidMoultamiss/Practice-Pandas-Exercises-and-Examples",
        "acf5920fd8359dfc858c779599e73253ce6e7338",
        NONE_STATED,
        "",
        ("*.ipynb",),
        (".ipynb_checkpoints/*",),
    ),
    Project(
        "magnet7913/Data-Analysis-Projects",
        "6a91959090de2dba4c7c0ce2d5ab5915f3cdbef7",
        NONE_STATED,
        "",
        ("Python/*/*.ipynb",),
    ),
)
